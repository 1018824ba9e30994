package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The base and every overlay build with kustomize, and what they build passes the same checks as
 * the base as written: the strict typed model, KEDA's documented fields, {@link FleetRules}, and
 * variables the code reads. Needs {@code kustomize} or {@code kubectl} with kustomize v4 or later;
 * skips, saying so, without one ({@link KubernetesManifestsTest} still checks the files each
 * kustomization names).
 */
class KustomizeBuildTest {
  private static final Optional<List<String>> BUILD = Kustomize.buildCommand();

  static List<Path> kustomizations() {
    return Kustomize.kustomizations();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void buildsIntoManifestsThatPassEveryCheck(Path folder) {
    Assumptions.assumeTrue(
        BUILD.isPresent(),
        "neither kustomize nor kubectl with kustomize v4+ is on the PATH: "
            + Repo.relative(folder)
            + " was not built");
    List<ObjectNode> built = Kustomize.build(BUILD.get(), folder);
    ManifestSet set = ManifestSet.built(folder, built);
    List<String> problems = new ArrayList<>();
    set.manifests.forEach(m -> problems.addAll(Strictness.problems(m)));
    problems.addAll(FleetRules.workers(set));
    problems.addAll(FleetRules.coordinator(set));
    problems.addAll(FleetRules.disruptionBudgets(set));
    problems.addAll(FleetRules.scaledObjects(set));
    assertThat(problems).as(set.toString()).isEmpty();
    assertThat(set.ofKind("ScaledObject")).hasSize(set.workers().size());
    assertThat(set.ofKind("TriggerAuthentication")).isNotEmpty();
  }
}
