package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose.yaml: Compose accepts it ({@code docker-compose config}, where installed), and it
 * runs what the demo needs, wired together: a queue Redis that keeps and never evicts, a bounded
 * LRU cache Redis, PostgreSQL, the coordinator, workers per task type with replicas, and the
 * samples mounted read-only under DOCFLEET_FILE_ROOTS.
 */
class ComposeFileTest {
  private final ComposeFile compose = ComposeFile.load();

  @Test
  void composeAcceptsTheFile() {
    Optional<List<String>> compose = composeCommand();
    Assumptions.assumeTrue(
        compose.isPresent(),
        "docker-compose is not installed (apt-get install docker-compose; .ci/run does): the"
            + " compose file was not validated by Compose");
    List<String> command = new ArrayList<>(compose.get());
    command.addAll(List.of("-f", ComposeFile.PATH.toString(), "config"));
    Commands.Result result = Commands.run(Repo.root(), command.toArray(String[]::new));
    assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.err()).isZero();
    assertThat(ComposeFile.parse(result.out()).services())
        .containsKeys("redis-queue", "redis-cache", "postgres", "coordinator");
  }

  @Test
  void theQueueRedisKeepsItsDataAndNeverEvicts() {
    List<String> command = compose.command("redis-queue");
    assertThat(command).first().isEqualTo("redis-server");
    assertThat(option(command, "--appendonly")).isEqualTo("yes");
    assertThat(option(command, "--maxmemory-policy")).isEqualTo("noeviction");
    assertThat(compose.volumes("redis-queue")).anyMatch(v -> v.endsWith(":/data"));
  }

  @Test
  void theCacheRedisIsBoundedAndEvictsTheLeastRecentlyUsed() {
    List<String> command = compose.command("redis-cache");
    assertThat(option(command, "--maxmemory")).isNotBlank();
    assertThat(option(command, "--maxmemory-policy")).isEqualTo("allkeys-lru");
  }

  @Test
  void everyDocfleetServiceUsesBothRedisesAndPostgres() {
    Map<String, String> postgres = compose.environment("postgres");
    for (String service : docfleetServicesWithEnvironment()) {
      Map<String, String> env = compose.environment(service);
      assertThat(env.get("REDIS_URL")).as(service).isEqualTo("redis://redis-queue:6379");
      assertThat(env.get("REDIS_CACHE_URL")).as(service).isEqualTo("redis://redis-cache:6379");
      assertThat(env.get("DATABASE_URL"))
          .as(service)
          .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
      assertThat(env.get("DATABASE_USER")).as(service).isEqualTo(postgres.get("POSTGRES_USER"));
      assertThat(env.get("DATABASE_PASSWORD"))
          .as(service)
          .isEqualTo(postgres.get("POSTGRES_PASSWORD"));
    }
  }

  @Test
  void workersServeEachTaskTypeWithReplicasAndDrainBeforeTheyAreKilled() {
    List<String> served = new ArrayList<>();
    for (String service : docfleetServicesWithEnvironment()) {
      Map<String, String> env = compose.environment(service);
      if (!env.containsKey("WORKER_TASK_TYPES")) {
        continue;
      }
      served.add(env.get("WORKER_TASK_TYPES"));
      Map<String, Object> deploy = ComposeFile.map(compose.service(service).get("deploy"));
      assertThat(deploy.get("replicas"))
          .as(service + " deploy.replicas")
          .isInstanceOf(Integer.class);
      assertThat((Integer) deploy.get("replicas")).as(service).isPositive();
      Duration grace = Durations.parse(env.getOrDefault("SHUTDOWN_GRACE", "30s"));
      Duration stop = Durations.parse(compose.service(service).get("stop_grace_period").toString());
      assertThat(stop).as(service + " stop_grace_period").isGreaterThan(grace);
    }
    assertThat(served).containsExactlyInAnyOrder("ocr", "entities,structured,webhook");
  }

  @Test
  void theSamplesAreMountedReadOnlyWhereFileSourcesMayComeFrom() {
    for (String service : docfleetServicesWithEnvironment()) {
      Optional<String> samples =
          compose.volumes(service).stream().filter(v -> v.startsWith("../samples:")).findFirst();
      assertThat(samples).as(service + " mounts ../samples").isPresent();
      String[] parts = samples.get().split(":");
      assertThat(parts).as(samples.get()).hasSize(3);
      assertThat(parts[2]).as(service + ": read-only").isEqualTo("ro");
      assertThat(compose.environment(service).get("DOCFLEET_FILE_ROOTS").split(","))
          .as(service + " DOCFLEET_FILE_ROOTS")
          .contains(parts[1]);
    }
    assertThat(Repo.root().resolve("samples")).isDirectory();
  }

  @Test
  void theDemoSubmitsTheSamplesToTheCoordinator() {
    Map<String, Object> demo = compose.service("demo");
    assertThat(compose.command("demo")).first().isEqualTo("http://coordinator:8080");
    assertThat(compose.command("demo").get(1))
        .isEqualTo(compose.environment("coordinator").get("COORDINATOR_API_TOKENS"));
    assertThat(compose.volumes("demo")).anyMatch(v -> v.startsWith("./compose/submit-samples.sh:"));
    assertThat(Repo.deploy().resolve("compose/submit-samples.sh")).isRegularFile();
    assertThat(ComposeFile.map(demo.get("depends_on"))).containsKey("coordinator");
  }

  private List<String> docfleetServicesWithEnvironment() {
    return compose.services().keySet().stream()
        .filter(compose::runsDocfleet)
        .filter(s -> !compose.environment(s).isEmpty())
        .toList();
  }

  private static String option(List<String> command, String name) {
    int at = command.indexOf(name);
    return at < 0 || at + 1 >= command.size() ? null : command.get(at + 1);
  }

  /** docker-compose (v1, Debian's package), else the docker CLI's compose plugin (v2). */
  static Optional<List<String>> composeCommand() {
    Optional<java.nio.file.Path> v1 = Commands.onPath("docker-compose");
    if (v1.isPresent()) {
      return Optional.of(List.of(v1.get().toString()));
    }
    Optional<java.nio.file.Path> docker = Commands.onPath("docker");
    if (docker.isPresent()
        && Commands.run(Repo.root(), docker.get().toString(), "compose", "version").ok()) {
      return Optional.of(List.of(docker.get().toString(), "compose"));
    }
    return Optional.empty();
  }
}
