package io.docfleet.localservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  private static final Duration READY = Duration.ofSeconds(20);

  private final Path dir;
  private final List<Integer> ports;
  private final List<Process> servers = new ArrayList<>();

  private PrivateRedisCluster(Path dir, List<Integer> ports) {
    this.dir = dir;
    this.ports = ports;
  }

  /** True when {@code redis-server} and {@code redis-cli} are on the PATH. */
  public static boolean available() {
    return ServerProcesses.onPath("redis-server") && ServerProcesses.onPath("redis-cli");
  }

  /** Starts the servers, creates the cluster and waits until every slot is served. */
  public static PrivateRedisCluster start() {
    try {
      PrivateRedisCluster cluster =
          new PrivateRedisCluster(
              Files.createTempDirectory("docfleet-cluster"),
              // a cluster node also listens on its bus port, port + 10000
              ServerProcesses.freePorts(
                  PRIMARIES, port -> port + 10000 < 65536 && ServerProcesses.isFree(port + 10000)));
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

  /** The environment a fleet member needs to use this cluster (and a client, to connect). */
  public Map<String, String> env() {
    return Map.of("REDIS_MODE", "cluster", "REDIS_NODES", nodes());
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
      ServerProcesses.await(
          "redis-server on port " + port,
          () -> ServerProcesses.cli(port, "PING").contains("PONG"),
          READY);
    }
  }

  private void create() throws IOException {
    List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    ports.forEach(port -> command.add("127.0.0.1:" + port));
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    String out = ServerProcesses.run(command);
    if (!out.contains("[OK] All 16384 slots covered")) {
      throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
    }
    for (int port : ports) {
      ServerProcesses.await(
          "the cluster state on port " + port,
          () -> ServerProcesses.cli(port, "CLUSTER", "INFO").contains("cluster_state:ok"),
          READY);
    }
  }

  @Override
  public void close() {
    ServerProcesses.stopAndRemove(servers, dir);
  }
}
