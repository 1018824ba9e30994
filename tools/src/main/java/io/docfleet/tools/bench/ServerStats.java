package io.docfleet.tools.bench;

import io.docfleet.config.RedisSettings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the counters of the servers a run uses, one Redis or every primary of a cluster, summed:
 * {@link #reset} clears them ({@code CONFIG RESETSTAT}) and notes the CPU time; {@link #since}
 * reads what happened after; {@link #usedMemory} is the memory their data takes.
 */
final class ServerStats implements AutoCloseable {
  private final List<RespConnection> connections;
  private long cpuAtReset;

  /** Counters of the servers at {@code nodes} (one server, or each primary of a cluster). */
  ServerStats(List<RedisSettings> nodes) {
    this.connections = nodes.stream().map(RespConnection::open).toList();
  }

  void reset() {
    connections.forEach(c -> c.command("CONFIG", "RESETSTAT"));
    cpuAtReset = cpuMicros();
  }

  ServerUsage since() {
    Map<String, ServerUsage.CommandCount> commands = new TreeMap<>();
    long reads = 0;
    for (RespConnection connection : connections) {
      String stats = connection.command("INFO", "stats");
      ServerUsage.parseCommandStats(connection.command("INFO", "commandstats"))
          .forEach((name, count) -> commands.merge(name, count, ServerUsage.CommandCount::plus));
      reads += (long) ServerUsage.field(stats, "total_reads_processed");
    }
    return new ServerUsage(commands, cpuMicros() - cpuAtReset, reads);
  }

  /**
   * The servers' {@code used_memory_dataset}, summed: the bytes their data takes, without client
   * buffers and other overhead, which swing by megabytes with the traffic of the moment and would
   * drown the figure of a run of some 100,000 tasks.
   */
  long usedMemory() {
    long bytes = 0;
    for (RespConnection connection : connections) {
      String memory = connection.command("INFO", "memory");
      bytes += (long) ServerUsage.field(memory, "used_memory_dataset");
    }
    return bytes;
  }

  /**
   * What {@code MEMORY USAGE <key> SAMPLES 0} counts for one key (every element, no estimate),
   * asked of the server that holds it (the others of a cluster answer MOVED); 0 when there is no
   * such key.
   */
  long memoryUsage(String key) {
    for (RespConnection connection : connections) {
      try {
        String bytes = connection.command("MEMORY", "USAGE", key, "SAMPLES", "0");
        return bytes.isEmpty() ? 0 : Long.parseLong(bytes);
      } catch (IllegalStateException e) {
        if (!String.valueOf(e.getMessage()).contains("MOVED")) {
          throw e;
        }
      }
    }
    throw new IllegalStateException("no server holds the slot of " + key);
  }

  String version() {
    for (String line : connections.get(0).command("INFO", "server").split("\r?\n")) {
      if (line.startsWith("redis_version:")) {
        return line.substring("redis_version:".length()).trim();
      }
    }
    return "?";
  }

  private long cpuMicros() {
    long micros = 0;
    for (RespConnection connection : connections) {
      String cpu = connection.command("INFO", "cpu");
      micros +=
          Math.round(
              (ServerUsage.field(cpu, "used_cpu_user") + ServerUsage.field(cpu, "used_cpu_sys"))
                  * 1e6);
    }
    return micros;
  }

  @Override
  public void close() {
    connections.forEach(RespConnection::close);
  }
}
