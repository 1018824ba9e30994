package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests under deploy/k8s as written: each kustomization names files that exist, and every
 * manifest of the base parses into fabric8's typed model with no unknown field, or (KEDA's kinds)
 * has only the fields KEDA documents.
 */
class KubernetesManifestsTest {

  static List<Path> kustomizations() {
    return Kustomize.kustomizations();
  }

  @Test
  void thereAreABaseAndOverlays() {
    assertThat(kustomizations()).first().isEqualTo(Kustomize.base());
    assertThat(kustomizations()).hasSizeGreaterThanOrEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void eachKustomizationHasKnownFieldsAndNamesFilesThatExist(Path folder) {
    ObjectNode kustomization = Kustomize.kustomization(folder);
    assertThat(kustomization.path("apiVersion").asText())
        .isEqualTo("kustomize.config.k8s.io/v1beta1");
    assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
    List<String> fields = new ArrayList<>();
    kustomization.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).as(Repo.relative(folder)).isSubsetOf(Kustomize.FIELDS);
    for (Path named : Kustomize.namedPaths(folder)) {
      assertThat(named).as("named by " + Repo.relative(folder) + "/kustomization.yaml").exists();
      if (Files.isRegularFile(named)) {
        assertThat(Repo.read(named)).as(Repo.relative(named)).isNotBlank();
      }
    }
  }

  @Test
  void everyManifestOfTheBaseParsesStrictly() {
    ManifestSet base = ManifestSet.base();
    assertThat(base.manifests).isNotEmpty();
    List<String> problems = new ArrayList<>();
    for (ManifestSet.Manifest manifest : base.manifests) {
      problems.addAll(Strictness.problems(manifest));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyYamlFileOfTheBaseIsListedInItsKustomization() throws IOException {
    Path base = Kustomize.base();
    List<Path> listed = Kustomize.resourceFiles(base);
    try (Stream<Path> files = Files.walk(base)) {
      List<Path> yaml =
          files
              .filter(p -> p.toString().endsWith(".yaml"))
              .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
              .toList();
      assertThat(listed).containsExactlyInAnyOrderElementsOf(yaml);
    }
  }

  @Test
  void theStrictModelRefusesAFieldTheKubernetesModelLacks() {
    ObjectNode worker = firstOfKind("Deployment");
    ((ObjectNode) worker.path("spec").path("template").path("spec"))
        .put("terminationGracePeriod", 45);
    assertThatThrownBy(() -> StrictKubernetesModel.parse(worker))
        .hasMessageContaining("terminationGracePeriod");
  }

  @Test
  void theStrictModelRefusesAnUnquotedBooleanWhereAStringGoes() {
    ObjectNode config = firstOfKind("ConfigMap");
    ((ObjectNode) config.path("data")).put("REDIS_ENABLE_OPTIMIZATION", true);
    assertThatThrownBy(() -> StrictKubernetesModel.parse(config))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theKedaCheckRefusesAFieldOrMetadataKeyKedaDoesNotDocument() {
    ObjectNode scaler = firstOfKind("ScaledObject");
    ((ObjectNode) scaler.path("spec")).put("maxReplicas", 3);
    ObjectNode metadata = (ObjectNode) scaler.path("spec").path("triggers").get(0).path("metadata");
    metadata.put("listname", "tasks:ocr");
    metadata.put("listLength", 4);
    assertThat(KedaSchema.violations(scaler))
        .anyMatch(v -> v.contains("spec.maxReplicas"))
        .anyMatch(v -> v.contains("listname"))
        .anyMatch(v -> v.contains("listLength must be a string"));
  }

  private static ObjectNode firstOfKind(String kind) {
    return ManifestSet.base().ofKind(kind).get(0).tree().deepCopy();
  }
}
