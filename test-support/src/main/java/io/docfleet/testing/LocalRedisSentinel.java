package io.docfleet.testing;

import static io.docfleet.localservers.ServerProcesses.await;
import static io.docfleet.localservers.ServerProcesses.cli;

import io.docfleet.localservers.ServerProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis primary, one replica and three sentinels (quorum 2) on free loopback ports, made of the
 * system's {@code redis-server} processes (sentinels as {@code redis-server <conf> --sentinel}),
 * for tests that show what a failover does to the fleet. The sentinels declare the primary down
 * after {@link #DOWN_AFTER} without an answer, so a failover takes a few seconds.
 *
 * <p>Lifecycle: {@link #start} returns once the replica is in sync and every sentinel knows the
 * primary, its replica and the other sentinels; {@link #killPrimary} sends SIGKILL to the current
 * primary's process; {@link #awaitFailover} waits until the sentinels name the replica; {@link
 * #close} stops every process by its PID and removes the temp folder with the config files.
 */
public final class LocalRedisSentinel implements AutoCloseable {
  /** The master name the sentinels watch. */
  public static final String MASTER = "docfleet-test";

  /** How long a primary may not answer before a sentinel thinks it down. */
  public static final Duration DOWN_AFTER = Duration.ofMillis(1000);

  private static final Duration FAILOVER_TIMEOUT = Duration.ofMillis(5000);
  private static final int SENTINELS = 3;
  private static final Duration READY = Duration.ofSeconds(30);

  private final Path dir;
  private final Map<Integer, Process> servers = new LinkedHashMap<>();
  private final List<Integer> sentinelPorts = new ArrayList<>();
  private int primaryPort;
  private int replicaPort;

  private LocalRedisSentinel(Path dir) {
    this.dir = dir;
  }

  /** True when {@code redis-server} and {@code redis-cli} are on the PATH. */
  public static boolean available() {
    return LocalRedisCluster.available();
  }

  /** Starts the primary, the replica and the sentinels; returns when they all agree. */
  public static LocalRedisSentinel start() {
    LocalRedisSentinel sentinel;
    try {
      sentinel = new LocalRedisSentinel(Files.createTempDirectory("docfleet-sentinel"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a folder for the sentinel setup: " + e, e);
    }
    try {
      sentinel.startAll();
      return sentinel;
    } catch (IOException | RuntimeException e) {
      sentinel.close();
      throw new IllegalStateException("cannot start Redis with sentinels: " + e, e);
    }
  }

  private void startAll() throws IOException {
    List<Integer> ports = ServerProcesses.freePorts(2 + SENTINELS, port -> true);
    primaryPort = ports.get(0);
    replicaPort = ports.get(1);
    sentinelPorts.addAll(ports.subList(2, ports.size()));
    startServer(primaryPort, List.of());
    startServer(replicaPort, List.of("replicaof 127.0.0.1 " + primaryPort));
    await(
        "the replica in sync",
        () -> cli(replicaPort, "INFO", "replication").contains("master_link_status:up"),
        READY);
    for (int port : sentinelPorts) {
      startSentinel(port);
    }
    for (int port : sentinelPorts) {
      await(
          "sentinel " + port + " seeing the replica and the other sentinels",
          () -> {
            String master = cli(port, "SENTINEL", "MASTER", MASTER);
            return master.contains("num-slaves\n1")
                && master.contains("num-other-sentinels\n" + (SENTINELS - 1));
          },
          READY);
    }
  }

  /**
   * The REDIS_* variables a fleet member (or {@code TestRedis.connect(env)}) needs to reach the
   * primary through the sentinels.
   */
  public Map<String, String> env() {
    return Map.of(
        "REDIS_MODE", "sentinel", "REDIS_NODES", sentinelNodes(), "REDIS_SENTINEL_MASTER", MASTER);
  }

  /** The sentinels' addresses, comma-separated: the value of REDIS_NODES. */
  public String sentinelNodes() {
    return sentinelPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
  }

  /** The port of the server that was started as the primary. */
  public int primaryPort() {
    return primaryPort;
  }

  /** The port of the server that was started as the replica. */
  public int replicaPort() {
    return replicaPort;
  }

  /** The PID of the server on {@code port}. */
  public long pid(int port) {
    return servers.get(port).pid();
  }

  /** The port of the primary the sentinels name now (asking the first that answers). */
  public int currentPrimaryPort() {
    for (int port : sentinelPorts) {
      List<String> lines =
          cli(port, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER).lines().toList();
      if (lines.size() >= 2) {
        try {
          return Integer.parseInt(lines.get(1).trim());
        } catch (NumberFormatException e) {
          // this sentinel does not know yet; ask the next
        }
      }
    }
    return -1;
  }

  /** SIGKILL to the primary started first: it gets no chance to say anything. */
  public void killPrimary() {
    Process primary = servers.get(primaryPort);
    primary.destroyForcibly();
    try {
      primary.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until the sentinels name the replica as the primary. */
  public void awaitFailover(Duration timeout) {
    await(
        "the sentinels to promote the replica", () -> currentPrimaryPort() == replicaPort, timeout);
  }

  /**
   * Suspends the replica's process (SIGSTOP) for as long as {@code during} runs, then resumes it
   * (SIGCONT): while it is stopped it takes no replication stream and acknowledges nothing.
   */
  public void withReplicaStopped(Runnable during) {
    signal("STOP", pid(replicaPort));
    try {
      during.run();
    } finally {
      signal("CONT", pid(replicaPort));
    }
  }

  private void startServer(int port, List<String> extra) throws IOException {
    Path node = Files.createDirectories(dir.resolve(Integer.toString(port)));
    List<String> conf = new ArrayList<>();
    conf.add("port " + port);
    conf.add("bind 127.0.0.1");
    conf.add("dir " + node);
    conf.add("save \"\"");
    conf.add("appendonly no");
    conf.addAll(extra);
    Path file = node.resolve("redis.conf");
    Files.write(file, conf);
    launch(port, node, List.of("redis-server", file.toString()));
    await("redis-server on port " + port, () -> cli(port, "PING").contains("PONG"), READY);
  }

  private void startSentinel(int port) throws IOException {
    Path node = Files.createDirectories(dir.resolve("sentinel-" + port));
    Path file = node.resolve("sentinel.conf");
    Files.write(
        file,
        List.of(
            "port " + port,
            "bind 127.0.0.1",
            "dir " + node,
            "sentinel monitor " + MASTER + " 127.0.0.1 " + primaryPort + " 2",
            "sentinel down-after-milliseconds " + MASTER + " " + DOWN_AFTER.toMillis(),
            "sentinel failover-timeout " + MASTER + " " + FAILOVER_TIMEOUT.toMillis(),
            "sentinel parallel-syncs " + MASTER + " 1"));
    launch(port, node, List.of("redis-server", file.toString(), "--sentinel"));
    await("sentinel on port " + port, () -> cli(port, "PING").contains("PONG"), READY);
  }

  private void launch(int port, Path node, List<String> command) throws IOException {
    servers.put(
        port,
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(node.resolve("server.log").toFile())
            .start());
  }

  private static void signal(String signal, long pid) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kill -" + signal + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending " + signal, e);
    }
  }

  @Override
  public void close() {
    List<Process> running = new ArrayList<>(servers.values());
    // sentinels first, so none of them starts a failover while the servers stop
    java.util.Collections.reverse(running);
    for (Process server : running) {
      if (server.isAlive()) {
        try {
          signal("CONT", server.pid()); // a stopped process would not act on SIGTERM
        } catch (IllegalStateException e) {
          // it ended by itself
        }
      }
    }
    ServerProcesses.stopAndRemove(running, dir);
  }
}
