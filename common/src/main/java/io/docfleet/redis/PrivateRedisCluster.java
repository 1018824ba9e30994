package io.docfleet.redis;

import io.docfleet.config.Env;
import io.docfleet.config.RedisSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.redisson.api.RedissonClient;

/**
 * A Redis Cluster of three primaries on free loopback ports, made of the system's {@code
 * redis-server} processes and joined with {@code redis-cli --cluster create}, for the tests and the
 * queue benchmark ({@code scripts/bench-queue --cluster}): each server keeps nothing on disk and
 * binds to loopback only. Lifecycle: {@link #start} returns once the cluster's state is ok; {@link
 * #close} stops every server and removes its folder.
 */
public final class PrivateRedisCluster implements AutoCloseable {
  /** How many primaries a cluster started here has. */
  public static final int PRIMARIES = 3;

  private final Path dir;
  private final List<Integer> ports;
  private final List<Process> servers = new ArrayList<>();

  private PrivateRedisCluster(Path dir, List<Integer> ports) {
    this.dir = dir;
    this.ports = ports;
  }

  /** True when {@code redis-server} and {@code redis-cli} are on the PATH. */
  public static boolean available() {
    return onPath("redis-server") && onPath("redis-cli");
  }

  /** Starts the servers, creates the cluster and waits until every slot is served. */
  public static PrivateRedisCluster start() {
    try {
      PrivateRedisCluster cluster =
          new PrivateRedisCluster(Files.createTempDirectory("docfleet-cluster"), freePorts());
      try {
        cluster.startServers();
        cluster.create();
      } catch (RuntimeException | IOException e) {
        cluster.close();
        throw e;
      }
      return cluster;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a Redis Cluster: " + e, e);
    }
  }

  /** The primaries' ports. */
  public List<Integer> ports() {
    return List.copyOf(ports);
  }

  /** Each primary's URL, {@code redis://127.0.0.1:<port>}. */
  public List<String> urls() {
    return ports.stream().map(port -> "redis://127.0.0.1:" + port).toList();
  }

  /** The REDIS_NODES value of this cluster. */
  public String nodes() {
    return String.join(",", urls());
  }

  /** The environment a fleet member needs to use this cluster. */
  public Map<String, String> env() {
    return Map.of("REDIS_MODE", "cluster", "REDIS_NODES", nodes());
  }

  /** A new cluster-mode client named {@code clientName}; the caller shuts it down. */
  public RedissonClient connect(String clientName) {
    return RedisConnector.connect(RedisSettings.fromEnv(new Env(env())), clientName);
  }

  /** Runs {@code redis-cli -p <port> <args>} and returns what it printed ("" when it could not). */
  public static String cli(int port, String... args) {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
    command.addAll(List.of(args));
    try {
      return run(command);
    } catch (IOException e) {
      return "";
    }
  }

  private void startServers() throws IOException {
    for (int port : ports) {
      Path node = Files.createDirectories(dir.resolve(Integer.toString(port)));
      servers.add(
          new ProcessBuilder(
                  "redis-server",
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--cluster-enabled",
                  "yes",
                  "--cluster-config-file",
                  node.resolve("nodes.conf").toString(),
                  "--dir",
                  node.toString(),
                  "--save",
                  "",
                  "--appendonly",
                  "no")
              .redirectErrorStream(true)
              .redirectOutput(node.resolve("redis.log").toFile())
              .start());
    }
    for (int port : ports) {
      await("redis-server on port " + port, () -> cli(port, "PING").contains("PONG"));
    }
  }

  private void create() throws IOException {
    List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    ports.forEach(port -> command.add("127.0.0.1:" + port));
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    String out = run(command);
    if (!out.contains("[OK] All 16384 slots covered")) {
      throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
    }
    for (int port : ports) {
      await(
          "the cluster state on port " + port,
          () -> cli(port, "CLUSTER", "INFO").contains("cluster_state:ok"));
    }
  }

  private static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(process.getInputStream().readAllBytes());
      process.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + command, e);
    }
  }

  private interface Check {
    boolean ok();
  }

  private static void await(String what, Check check) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!check.ok()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(what + " was not ready within 20 s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what, e);
      }
    }
  }

  /** Free ports whose cluster bus ports (port + 10000) are free too. */
  private static List<Integer> freePorts() throws IOException {
    List<Integer> ports = new ArrayList<>();
    while (ports.size() < PRIMARIES) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      if (port + 10000 < 65536 && free(port + 10000) && !ports.contains(port)) {
        ports.add(port);
      }
    }
    return ports;
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(folder -> Files.isExecutable(Path.of(folder, program)));
  }

  @Override
  public void close() {
    ServerProcesses.stopAndRemove(servers, dir);
  }
}
