package io.docfleet.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manifests of one kustomization: the base's files as written, or an overlay's build. Gives the
 * typed objects (each parsed strictly once) and the KEDA ones as trees.
 */
final class ManifestSet {
  static final String CONFIG = "docfleet-config";
  static final String SECRET = "docfleet-secrets";

  /** One manifest and where it came from. */
  record Manifest(String origin, ObjectNode tree) {
    String kind() {
      return tree.path("kind").asText();
    }

    String name() {
      return tree.path("metadata").path("name").asText();
    }
  }

  final String name;
  final List<Manifest> manifests;

  private ManifestSet(String name, List<Manifest> manifests) {
    this.name = name;
    this.manifests = List.copyOf(manifests);
  }

  /** The base's resource files as they are written. */
  static ManifestSet base() {
    List<Manifest> all = new ArrayList<>();
    for (Path file : Kustomize.resourceFiles(Kustomize.base())) {
      for (ObjectNode tree : Yaml.documents(file)) {
        all.add(new Manifest(Repo.relative(file), tree));
      }
    }
    return new ManifestSet("base (as written)", all);
  }

  static ManifestSet built(Path folder, List<ObjectNode> trees) {
    List<Manifest> all = new ArrayList<>();
    for (ObjectNode tree : trees) {
      all.add(new Manifest("build of " + Repo.relative(folder), tree));
    }
    return new ManifestSet(Repo.relative(folder) + " (built)", all);
  }

  List<Manifest> ofKind(String kind) {
    return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
  }

  Optional<Manifest> find(String kind, String name) {
    return ofKind(kind).stream().filter(m -> m.name().equals(name)).findFirst();
  }

  <T extends HasMetadata> List<T> typed(String kind, Class<T> type) {
    return ofKind(kind).stream()
        .map(m -> type.cast(StrictKubernetesModel.parse(m.tree())))
        .toList();
  }

  List<Deployment> deployments() {
    return typed("Deployment", Deployment.class);
  }

  List<Deployment> workers() {
    return deployments().stream()
        .filter(
            d -> "worker".equals(d.getMetadata().getLabels().get("app.kubernetes.io/component")))
        .toList();
  }

  /** docfleet-config's data; empty when the set has no such ConfigMap. */
  Map<String, String> config() {
    return typed("ConfigMap", ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(CONFIG))
        .findFirst()
        .map(ConfigMap::getData)
        .orElse(Map.of());
  }

  /**
   * What a container's process finds in its environment, by name: the ConfigMaps it takes whole
   * (envFrom, from this set), then its own env (a value, or the secret key it names).
   */
  Map<String, String> environment(Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : container.getEnvFrom()) {
      if (from.getConfigMapRef() != null) {
        typed("ConfigMap", ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getName().equals(from.getConfigMapRef().getName()))
            .findFirst()
            .ifPresent(c -> env.putAll(c.getData()));
      }
    }
    for (EnvVar var : container.getEnv()) {
      String value =
          var.getValue() != null
              ? var.getValue()
              : var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null
                  ? "<secret " + var.getValueFrom().getSecretKeyRef().getKey() + ">"
                  : "<from elsewhere>";
      env.put(var.getName(), value);
    }
    return env;
  }

  @Override
  public String toString() {
    return name;
  }
}
