package io.docfleet.worker.bench;

import io.docfleet.config.RedisSettings;

/**
 * Reads the server's counters for one run: {@link #reset} clears them ({@code CONFIG RESETSTAT})
 * and notes the CPU time; {@link #since} reads what happened after.
 */
final class ServerStats implements AutoCloseable {
  private final RespConnection connection;
  private long cpuAtReset;

  ServerStats(RedisSettings settings) {
    this.connection = RespConnection.open(settings);
  }

  void reset() {
    connection.command("CONFIG", "RESETSTAT");
    cpuAtReset = cpuMicros();
  }

  ServerUsage since() {
    String stats = connection.command("INFO", "stats");
    String commands = connection.command("INFO", "commandstats");
    return new ServerUsage(
        ServerUsage.parseCommandStats(commands),
        cpuMicros() - cpuAtReset,
        (long) ServerUsage.field(stats, "total_reads_processed"));
  }

  String version() {
    for (String line : connection.command("INFO", "server").split("\r?\n")) {
      if (line.startsWith("redis_version:")) {
        return line.substring("redis_version:".length()).trim();
      }
    }
    return "?";
  }

  private long cpuMicros() {
    String cpu = connection.command("INFO", "cpu");
    return Math.round(
        (ServerUsage.field(cpu, "used_cpu_user") + ServerUsage.field(cpu, "used_cpu_sys")) * 1e6);
  }

  @Override
  public void close() {
    connection.close();
  }
}
