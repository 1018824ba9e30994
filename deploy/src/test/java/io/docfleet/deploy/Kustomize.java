package io.docfleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kustomizations under deploy/k8s (the base and each overlay): the files they name, and their
 * build with {@code kustomize build} or {@code kubectl kustomize} (v4 or later) where one is
 * installed.
 */
final class Kustomize {
  /** The fields of a Kustomization (kustomize v5, kustomize.config.k8s.io/v1beta1). */
  static final Set<String> FIELDS =
      Set.of(
          "apiVersion",
          "kind",
          "metadata",
          "resources",
          "components",
          "namespace",
          "namePrefix",
          "nameSuffix",
          "labels",
          "commonLabels",
          "commonAnnotations",
          "images",
          "patches",
          "replicas",
          "replacements",
          "configMapGenerator",
          "secretGenerator",
          "generatorOptions",
          "configurations",
          "crds",
          "openapi",
          "buildMetadata",
          "sortOptions");

  private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)");

  private Kustomize() {}

  static Path base() {
    return Repo.k8s().resolve("base");
  }

  /** Every folder under deploy/k8s with a kustomization.yaml: the base first, then overlays. */
  static List<Path> kustomizations() {
    try (Stream<Path> walk = Files.walk(Repo.k8s())) {
      List<Path> found =
          new ArrayList<>(
              walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                  .map(Path::getParent)
                  .sorted((a, b) -> a.equals(base()) ? -1 : b.equals(base()) ? 1 : a.compareTo(b))
                  .toList());
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode kustomization(Path folder) {
    List<ObjectNode> documents = Yaml.documents(folder.resolve("kustomization.yaml"));
    if (documents.size() != 1) {
      throw new IllegalArgumentException(folder + "/kustomization.yaml: one document expected");
    }
    return documents.get(0);
  }

  /** The files (not folders) the kustomization lists under resources. */
  static List<Path> resourceFiles(Path folder) {
    List<Path> files = new ArrayList<>();
    for (JsonNode entry : kustomization(folder).path("resources")) {
      Path path = folder.resolve(entry.asText()).normalize();
      if (!Files.isDirectory(path)) {
        files.add(path);
      }
    }
    return files;
  }

  /** Every path the kustomization names: resources (files or folders) and patch files. */
  static List<Path> namedPaths(Path folder) {
    ObjectNode kustomization = kustomization(folder);
    List<Path> paths = new ArrayList<>();
    kustomization.path("resources").forEach(e -> paths.add(folder.resolve(e.asText()).normalize()));
    kustomization
        .path("components")
        .forEach(e -> paths.add(folder.resolve(e.asText()).normalize()));
    for (JsonNode patch : kustomization.path("patches")) {
      if (patch.has("path")) {
        paths.add(folder.resolve(patch.path("path").asText()).normalize());
      }
    }
    return paths;
  }

  /**
   * The command that builds a kustomization here, or empty: {@code kustomize build}, else {@code
   * kubectl kustomize} when its kustomize is v4 or later (older ones lack {@code labels} and patch
   * targets by regex, and would fail on what is right).
   */
  static Optional<List<String>> buildCommand() {
    Optional<Path> kustomize = Commands.onPath("kustomize");
    if (kustomize.isPresent()) {
      return Optional.of(List.of(kustomize.get().toString(), "build"));
    }
    Optional<Path> kubectl = Commands.onPath("kubectl");
    if (kubectl.isEmpty()) {
      return Optional.empty();
    }
    Commands.Result version =
        Commands.run(Repo.root(), kubectl.get().toString(), "version", "--client");
    Matcher m = KUSTOMIZE_VERSION.matcher(version.out());
    if (version.ok() && m.find() && Integer.parseInt(m.group(1)) >= 4) {
      return Optional.of(List.of(kubectl.get().toString(), "kustomize"));
    }
    return Optional.empty();
  }

  /** The built manifests of {@code folder}. */
  static List<ObjectNode> build(List<String> command, Path folder) {
    List<String> full = new ArrayList<>(command);
    full.add(folder.toString());
    Commands.Result result = Commands.run(Repo.root(), full.toArray(String[]::new));
    if (!result.ok()) {
      throw new AssertionError(
          String.join(" ", full) + " failed (" + result.exitCode() + "):\n" + result.err());
    }
    return Yaml.documents(result.out(), "kustomize build of " + Repo.relative(folder));
  }
}
