package io.docfleet.worker.bench;

import io.docfleet.config.RedisSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells apart the commands clients send (each a call over the network) from the commands scripts
 * run inside the server, which {@code INFO commandstats} counts alike. It reads {@code MONITOR},
 * where a script's commands carry the origin {@code lua}. MONITOR slows the server, so it is used
 * in a small run of its own, never in a timed one.
 *
 * <p>Lifecycle: {@link #start} before the run; {@link #finish} after it.
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
   * Ends the census and returns its counts, without the benchmark's own commands and without {@code
   * ownHmgets} HMGETs.
   */
  Map<String, Split> finish(long ownHmgets, Duration timeout) throws InterruptedException {
    try (RespConnection marker = RespConnection.open(settings)) {
      marker.command("ECHO", END_MARKER);
    }
    boolean done = ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    monitor.close();
    if (!done || failure != null) {
      throw new IllegalStateException("MONITOR census did not end cleanly: " + failure);
    }
    Map<String, Split> splits = new TreeMap<>();
    counts.forEach(
        (command, c) -> {
          long top = command.equals("hmget") ? c[0] - ownHmgets : c[0];
          if (!ServerUsage.isBenchmarkOwn(command) && (top > 0 || c[1] > 0)) {
            splits.put(command, new Split(top, c[1]));
          }
        });
    return splits;
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
