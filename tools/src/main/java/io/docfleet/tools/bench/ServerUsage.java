package io.docfleet.tools.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the Redis server (or every primary of a cluster, summed) did during one run, from {@code
 * INFO commandstats} and {@code INFO stats} after a {@code CONFIG RESETSTAT}, and its CPU time from
 * {@code INFO cpu}. Commandstats counts the commands a script runs as well as the {@code EVALSHA}
 * that ran it.
 *
 * @param commands per command name (lower case, {@code config|resetstat} style for subcommands)
 * @param cpuMicros CPU time of the server process (user + system) over the run
 * @param reads read events the server processed (roughly one per round trip of a connection)
 */
record ServerUsage(Map<String, CommandCount> commands, long cpuMicros, long reads) {

  /** Calls and the server's time spent in them. */
  record CommandCount(long calls, long usec) {
    /** The calls and time of two servers together. */
    CommandCount plus(CommandCount other) {
      return new CommandCount(calls + other.calls, usec + other.usec);
    }
  }

  /** Commands the benchmark itself sends to watch the run; left out of the per-task figures. */
  static boolean isBenchmarkOwn(String command) {
    return command.equals("info")
        || command.startsWith("config")
        || command.equals("monitor")
        || command.startsWith("memory");
  }

  /** Parses the text of {@code INFO commandstats}. */
  static Map<String, CommandCount> parseCommandStats(String info) {
    Map<String, CommandCount> commands = new TreeMap<>();
    for (String line : info.split("\r?\n")) {
      if (!line.startsWith("cmdstat_")) {
        continue;
      }
      int colon = line.indexOf(':');
      String name = line.substring("cmdstat_".length(), colon);
      long calls = 0;
      long usec = 0;
      for (String field : line.substring(colon + 1).split(",")) {
        int eq = field.indexOf('=');
        String key = field.substring(0, eq);
        if (key.equals("calls")) {
          calls = Long.parseLong(field.substring(eq + 1));
        } else if (key.equals("usec")) {
          usec = Long.parseLong(field.substring(eq + 1));
        }
      }
      commands.put(name, new CommandCount(calls, usec));
    }
    return commands;
  }

  /** One numeric field of an {@code INFO} section; 0 when absent. */
  static double field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    return 0;
  }

  /**
   * This usage without the benchmark's admin commands and without the calls it made itself to watch
   * the run ({@code own}: command name to calls).
   */
  ServerUsage withoutBenchmark(Map<String, Long> own) {
    Map<String, CommandCount> kept = new TreeMap<>();
    commands.forEach(
        (name, count) -> {
          long calls = count.calls() - own.getOrDefault(name, 0L);
          if (!isBenchmarkOwn(name) && calls > 0) {
            kept.put(name, new CommandCount(calls, count.usec()));
          }
        });
    return new ServerUsage(kept, cpuMicros, reads);
  }

  long totalCalls() {
    return commands.values().stream().mapToLong(CommandCount::calls).sum();
  }

  long scriptCalls() {
    return commands.entrySet().stream()
        .filter(e -> isScriptCall(e.getKey()))
        .mapToLong(e -> e.getValue().calls())
        .sum();
  }

  static boolean isScriptCall(String command) {
    return command.equals("evalsha") || command.equals("eval") || command.startsWith("fcall");
  }
}
