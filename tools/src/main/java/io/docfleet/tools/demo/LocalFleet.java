package io.docfleet.tools.demo;

import io.docfleet.redis.FleetContext;
import io.docfleet.worker.WorkerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The demo's worker JVMs. Each runs {@link WorkerMain} from this JVM's own class path (the worker
 * jar, or the test class path) with the run's environment and a {@code WORKER_ID} of its own, and
 * writes its log to {@code worker-N.log} in the run's log folder.
 *
 * <p>Lifecycle: {@link #start}; {@link #awaitRegistered} until every worker's heartbeat is in
 * Redis; {@link #stop} sends SIGTERM to all (each drains and deregisters), waits, and kills what
 * outlives the grace. {@link #stop} may be called again; it does nothing then.
 */
final class LocalFleet {
  /** One worker process. */
  record Member(String id, Process process, Path log) {}

  /** A worker to start: its id and what its environment adds to the run's (such as its types). */
  record Role(String id, Map<String, String> environment) {
    Role {
      environment = Map.copyOf(environment);
    }
  }

  private static final String WORKER_SAYS = "docfleet worker: ";

  private final Map<String, String> environment;
  private final Path logDir;
  private final List<Member> members = new ArrayList<>();
  private boolean stopped;

  LocalFleet(Map<String, String> environment, Path logDir) {
    this.environment = Map.copyOf(environment);
    this.logDir = logDir;
  }

  /** Starts {@code count} alike workers, {@code worker-1} to {@code worker-<count>}. */
  synchronized List<Member> start(int count) {
    List<Role> roles = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      roles.add(new Role("worker-" + n, Map.of()));
    }
    return start(roles);
  }

  /** Starts one worker per role. */
  synchronized List<Member> start(List<Role> roles) {
    try {
      Files.createDirectories(logDir);
      for (Role role : roles) {
        Path log = logDir.resolve(role.id() + ".log");
        ProcessBuilder builder =
            new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(role.environment());
        builder.environment().put("WORKER_ID", role.id());
        // Several workers on one host: no HTTP port each, unless the role names one.
        builder
            .environment()
            .put("WORKER_HTTP_PORT", role.environment().getOrDefault("WORKER_HTTP_PORT", "0"));
        members.add(new Member(role.id(), builder.start(), log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a worker JVM: " + e.getMessage(), e);
    }
    return List.copyOf(members);
  }

  /** Waits until each worker's registration is in Redis; throws when one exits or time runs out. */
  void awaitRegistered(FleetContext fleet, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    for (Member member : members()) {
      while (!fleet.redis().getMap(fleet.keys().worker(member.id())).isExists()) {
        if (!member.process().isAlive()) {
          throw new IllegalStateException(
              member.id()
                  + " exited with code "
                  + member.process().exitValue()
                  + " before it registered"
                  + reason(member.log()).map(r -> ": " + r).orElse("")
                  + "; see "
                  + member.log());
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              member.id() + " did not register within " + timeout + "; see " + member.log());
        }
        Thread.sleep(50);
      }
    }
  }

  /** The line in which a worker that stopped at start-up said why ("docfleet worker: ..."). */
  private static Optional<String> reason(Path log) {
    try (Stream<String> lines = Files.lines(log)) {
      return lines
          .filter(line -> line.startsWith(WORKER_SAYS))
          .reduce((first, second) -> second)
          .map(line -> line.substring(WORKER_SAYS.length()));
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  Path logDir() {
    return logDir;
  }

  synchronized List<Member> members() {
    return List.copyOf(members);
  }

  boolean anyAlive() {
    return members().stream().anyMatch(m -> m.process().isAlive());
  }

  /**
   * Sends SIGTERM to every worker and waits for them; returns the names of those that did not end
   * within the grace and were killed.
   */
  synchronized List<String> stop(Duration grace) throws InterruptedException {
    List<String> killed = new ArrayList<>();
    if (stopped) {
      return killed;
    }
    stopped = true;
    members.forEach(m -> m.process().destroy());
    Instant deadline = Instant.now().plus(grace);
    for (Member member : members) {
      long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      if (!member.process().waitFor(left, TimeUnit.MILLISECONDS)) {
        member.process().destroyForcibly().waitFor();
        killed.add(member.id());
      }
    }
    return killed;
  }

  private List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String javaOpts = environment.getOrDefault("JAVA_OPTS", "").trim();
    if (!javaOpts.isEmpty()) {
      command.addAll(List.of(javaOpts.split("\\s+")));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(WorkerMain.class.getName());
    return command;
  }
}
