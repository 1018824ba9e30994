package io.docfleet.tools.bench;

import io.docfleet.config.RedisSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells apart the commands clients send (each a call over the network) from the commands scripts
 * run inside the server, which {@code INFO commandstats} counts alike. It reads {@code MONITOR},
 * where a script's commands carry the origin {@code lua}. MONITOR slows the server, so it is used
 * in a small run of its own, never in a timed one. On a cluster, one census per primary.
 *
 * <p>Lifecycle: {@link #start} before the run; {@link #finishAll} after it.
 */
final class MonitorCensus {
  private static final String END_MARKER = "docfleet-census-end";

  /** Calls of one command: sent by clients, and run inside scripts. */
  record Split(long topLevel, long inScripts) {}

  private final RedisSettings settings;
  private final RespConnection monitor;
  private final Map<String, long[]> counts = new TreeMap<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile IOException failure;

  private MonitorCensus(RedisSettings settings) {
    this.settings = settings;
    this.monitor = RespConnection.open(settings);
  }

  static MonitorCensus start(RedisSettings settings) {
    MonitorCensus census = new MonitorCensus(settings);
    census.monitor.startMonitor();
    Thread reader = new Thread(census::readUntilMarker, "monitor-census");
    reader.setDaemon(true);
    reader.start();
    return census;
  }

  /**
   * Ends the censuses of several servers (each primary of a cluster) and returns their counts
   * together, without the benchmark's own commands and without {@code ownHmgets} HMGETs.
   */
  static Map<String, Split> finishAll(
      List<MonitorCensus> censuses, long ownHmgets, Duration timeout) throws InterruptedException {
    Map<String, long[]> total = new TreeMap<>();
    for (MonitorCensus census : censuses) {
      census
          .await(timeout)
          .forEach(
              (command, c) -> {
                long[] sum = total.computeIfAbsent(command, k -> new long[2]);
                sum[0] += c[0];
                sum[1] += c[1];
              });
    }
    Map<String, Split> splits = new TreeMap<>();
    total.forEach(
        (command, c) -> {
          long top = command.equals("hmget") ? c[0] - ownHmgets : c[0];
          if (!ServerUsage.isBenchmarkOwn(command) && (top > 0 || c[1] > 0)) {
            splits.put(command, new Split(top, c[1]));
          }
        });
    return splits;
  }

  /** Sends the end marker, waits for the reader to see it, and returns the raw counts. */
  private Map<String, long[]> await(Duration timeout) throws InterruptedException {
    try (RespConnection marker = RespConnection.open(settings)) {
      marker.command("ECHO", END_MARKER);
    }
    boolean done = ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    monitor.close();
    if (!done || failure != null) {
      throw new IllegalStateException("MONITOR census did not end cleanly: " + failure);
    }
    return counts;
  }

  private void readUntilMarker() {
    try {
      String line;
      while ((line = monitor.nextLine()) != null) {
        int open = line.indexOf('[');
        int close = line.indexOf(']', open);
        int quote = line.indexOf('"', close);
        if (open < 0 || close < 0 || quote < 0) {
          continue;
        }
        String command = line.substring(quote + 1, line.indexOf('"', quote + 1)).toLowerCase();
        if (command.equals("echo") && line.contains(END_MARKER)) {
          break;
        }
        boolean inScript = line.substring(open + 1, close).endsWith(" lua");
        counts.computeIfAbsent(command, c -> new long[2])[inScript ? 1 : 0]++;
      }
    } catch (IOException e) {
      failure = e;
    } finally {
      ended.countDown();
    }
  }
}
