package io.docfleet.testing;

import io.docfleet.config.Env;
import io.docfleet.config.RedisSettings;
import io.docfleet.redis.RedisConnector;
import io.docfleet.redis.SlotGroups;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.redisson.api.RedissonClient;

/**
 * A Redis Cluster of three primaries on free loopback ports, made of the system's {@code
 * redis-server} processes and joined with {@code redis-cli --cluster create}, for tests that show
 * the fleet works where keys of different hash slots live on different servers. Lifecycle: {@link
 * #start} returns once the cluster's state is ok; {@link #close} stops every server and removes its
 * folder.
 */
public final class LocalRedisCluster implements AutoCloseable {
  private static final int PRIMARIES = 3;
  private static LocalRedisCluster shared;
  private static RedissonClient sharedClient;

  private final Path dir;
  private final List<Integer> ports;
  private final List<Process> servers = new ArrayList<>();

  private LocalRedisCluster(Path dir, List<Integer> ports) {
    this.dir = dir;
    this.ports = ports;
  }

  /** True when {@code redis-server} and {@code redis-cli} are on the PATH. */
  public static boolean available() {
    return onPath("redis-server") && onPath("redis-cli");
  }

  /**
   * A client of the cluster the tests of this JVM share (each under a key prefix of its own),
   * started on first use and stopped when the JVM exits.
   */
  public static synchronized RedissonClient sharedClient() {
    if (shared == null) {
      shared = start();
      sharedClient = shared.connect();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    sharedClient.shutdown();
                    shared.close();
                  }));
    }
    return sharedClient;
  }

  /** The cluster behind {@link #sharedClient}. */
  public static synchronized LocalRedisCluster shared() {
    sharedClient();
    return shared;
  }

  /** Starts the servers, creates the cluster and waits until every slot is served. */
  public static LocalRedisCluster start() {
    try {
      LocalRedisCluster cluster =
          new LocalRedisCluster(Files.createTempDirectory("docfleet-cluster"), freePorts());
      cluster.startServers();
      cluster.create();
      return cluster;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a Redis Cluster: " + e, e);
    }
  }

  /** The REDIS_NODES value of this cluster. */
  public String nodes() {
    return ports.stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(","));
  }

  /** The environment a fleet member needs to use this cluster. */
  public Map<String, String> env() {
    return Map.of("REDIS_MODE", "cluster", "REDIS_NODES", nodes());
  }

  /** The primaries' ports. */
  public List<Integer> ports() {
    return List.copyOf(ports);
  }

  /**
   * The keys matching {@code pattern} that the primary on {@code port} holds, found with a raw
   * {@code SCAN} of that server alone ({@code redis-cli --scan}), which sees no other primary's
   * keys: how a test tells which server a key lives on.
   */
  public List<String> keysOn(int port, String pattern) {
    return cli(port, "--scan", "--pattern", pattern).lines().filter(l -> !l.isBlank()).toList();
  }

  /**
   * The port of the primary that serves {@code key}'s hash slot, as the cluster itself assigns
   * slots ({@code CLUSTER NODES}).
   */
  public int primaryOf(String key) {
    int slot = SlotGroups.slot(key);
    for (String line : cli(ports.get(0), "CLUSTER", "NODES").lines().toList()) {
      String[] fields = line.split(" ");
      if (fields.length < 9 || !fields[2].contains("master")) {
        continue;
      }
      int port = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1).split("@")[0]);
      for (int i = 8; i < fields.length; i++) {
        String[] range = fields[i].split("-");
        int from = Integer.parseInt(range[0]);
        int to = Integer.parseInt(range[range.length - 1]);
        if (slot >= from && slot <= to) {
          return port;
        }
      }
    }
    throw new IllegalStateException("no primary serves slot " + slot + " of " + key);
  }

  /** The keys matching {@code pattern} on each primary, by port. */
  public Map<Integer, List<String>> keysByPrimary(String pattern) {
    Map<Integer, List<String>> byPort = new java.util.TreeMap<>();
    ports.forEach(port -> byPort.put(port, keysOn(port, pattern)));
    return byPort;
  }

  /** A new cluster-mode client; the caller shuts it down. */
  public RedissonClient connect() {
    return RedisConnector.connect(RedisSettings.fromEnv(new Env(env())), "docfleet-test");
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

  private static String cli(int port, String... args) {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
    command.addAll(List.of(args));
    try {
      return run(command);
    } catch (IOException e) {
      return "";
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
    for (Process server : servers) {
      server.destroy();
    }
    for (Process server : servers) {
      try {
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
