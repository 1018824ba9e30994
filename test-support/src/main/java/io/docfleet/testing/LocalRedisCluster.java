package io.docfleet.testing;

import io.docfleet.localservers.PrivateRedisCluster;
import io.docfleet.localservers.ServerProcesses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tests' Redis Cluster: a {@link PrivateRedisCluster} of three primaries on free loopback
 * ports, shared by the tests of one JVM (each under a key prefix of its own; {@code
 * TestRedis.clusterClient()} is its client), with probes that tell which primary holds a key.
 * Lifecycle: started on first use, stopped when the JVM exits, after what {@link #closeFirst} was
 * given.
 */
public final class LocalRedisCluster implements AutoCloseable {
  private static LocalRedisCluster shared;

  private final PrivateRedisCluster cluster;
  private final List<Runnable> beforeClose = new ArrayList<>();

  private LocalRedisCluster(PrivateRedisCluster cluster) {
    this.cluster = cluster;
  }

  /** True when {@code redis-server} and {@code redis-cli} are on the PATH. */
  public static boolean available() {
    return PrivateRedisCluster.available();
  }

  /**
   * The cluster the tests of this JVM share (each under a key prefix of its own), started on first
   * use and stopped when the JVM exits.
   */
  public static synchronized LocalRedisCluster shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** Starts the servers, creates the cluster and waits until every slot is served. */
  public static LocalRedisCluster start() {
    return new LocalRedisCluster(PrivateRedisCluster.start());
  }

  /** The REDIS_NODES value of this cluster. */
  public String nodes() {
    return cluster.nodes();
  }

  /** The environment a fleet member needs to use this cluster. */
  public Map<String, String> env() {
    return cluster.env();
  }

  /** The primaries' ports. */
  public List<Integer> ports() {
    return cluster.ports();
  }

  /**
   * The keys matching {@code pattern} that the primary on {@code port} holds, found with a raw
   * {@code SCAN} of that server alone ({@code redis-cli --scan}), which sees no other primary's
   * keys: how a test tells which server a key lives on.
   */
  public List<String> keysOn(int port, String pattern) {
    return ServerProcesses.cli(port, "--scan", "--pattern", pattern)
        .lines()
        .filter(line -> !line.isBlank())
        .toList();
  }

  /** The keys matching {@code pattern} on each primary, by port. */
  public Map<Integer, List<String>> keysByPrimary(String pattern) {
    Map<Integer, List<String>> byPort = new TreeMap<>();
    cluster.ports().forEach(port -> byPort.put(port, keysOn(port, pattern)));
    return byPort;
  }

  /**
   * The port of the primary that serves {@code key}'s hash slot, as the cluster itself computes the
   * slot ({@code CLUSTER KEYSLOT}) and assigns slots ({@code CLUSTER NODES}).
   */
  public int primaryOf(String key) {
    int slot =
        Integer.parseInt(
            ServerProcesses.cli(cluster.ports().get(0), "CLUSTER", "KEYSLOT", key).trim());
    String nodes = ServerProcesses.cli(cluster.ports().get(0), "CLUSTER", "NODES");
    for (String line : nodes.lines().toList()) {
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

  /**
   * Runs {@code action} (a client's shutdown) when this cluster closes, before its servers stop.
   */
  public synchronized void closeFirst(Runnable action) {
    beforeClose.add(action);
  }

  @Override
  public synchronized void close() {
    beforeClose.forEach(Runnable::run);
    cluster.close();
  }
}
