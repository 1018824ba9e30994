package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The base as written follows {@link FleetRules}, and has a worker Deployment per task type. */
class FleetManifestsTest {
  private final ManifestSet base = ManifestSet.base();

  @Test
  void thereIsAWorkerDeploymentPerTaskType() {
    List<String> types =
        base.workers().stream()
            .map(d -> base.environment(d.getSpec().getTemplate().getSpec().getContainers().get(0)))
            .map(env -> env.get("WORKER_TASK_TYPES"))
            .toList();
    assertThat(types).containsExactlyInAnyOrder("ocr", "entities", "structured", "webhook");
  }

  @Test
  void workersDrainWithinTheirGracePeriodAndAreProbedAndSized() {
    assertThat(FleetRules.workers(base)).isEmpty();
  }

  @Test
  void theCoordinatorIsProbedSizedAndServed() {
    assertThat(FleetRules.coordinator(base)).isEmpty();
  }

  @Test
  void everyDeploymentHasADisruptionBudget() {
    assertThat(FleetRules.disruptionBudgets(base)).isEmpty();
  }

  @Test
  void kedaScalesEveryWorkerOnItsQueueAndKeepsWorkersWithTasksInFlight() {
    assertThat(FleetRules.scaledObjects(base)).isEmpty();
  }

  @Test
  void workersTakeTheirConfigurationFromTheConfigMapAndSecrets() {
    assertThat(base.config()).containsKeys("REDIS_URL", "REDIS_CACHE_URL", "DATABASE_URL");
    for (Deployment deployment : base.deployments()) {
      var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(container.getEnvFrom())
          .as(deployment.getMetadata().getName())
          .anyMatch(
              from ->
                  from.getConfigMapRef() != null
                      && ManifestSet.CONFIG.equals(from.getConfigMapRef().getName()));
      Map<String, String> env = base.environment(container);
      assertThat(env.get("REDIS_PASSWORD"))
          .as(deployment.getMetadata().getName())
          .isEqualTo("<secret redis-password>");
      assertThat(env.get("DATABASE_PASSWORD")).isEqualTo("<secret database-password>");
    }
  }
}
