package io.docfleet.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints a benchmark's results: one JSON line (for scripts and commit messages) and a short table
 * per run for people (the group runs' figures go in the JSON line too; their summary lines follow
 * the report). Every per-task figure divides by the run's task count; on a cluster the Redis
 * figures are the primaries' summed.
 */
final class BenchReport {
  private final ObjectMapper mapper = new ObjectMapper();
  private final BenchOptions options;
  private final String redis;

  BenchReport(BenchOptions options, String redis) {
    this.options = options;
    this.redis = redis;
  }

  void print(
      PrintStream out,
      List<RunResult> runs,
      Optional<Census> census,
      List<Long> peakRssKib,
      GroupResults groups) {
    out.println(json(runs, census, peakRssKib, groups));
    out.println();
    out.printf(
        "%-6s %8s %9s %10s %12s %18s %10s %10s %10s %12s %12s%n",
        "run",
        "tasks",
        "offered/s",
        "enqueue/s",
        "processed/s",
        "start p50/p99/max",
        "calls/task",
        "evals/task",
        "reads/task",
        "redis us/task",
        "worker us/task");
    for (RunResult r : runs) {
      out.printf(
          "%-6s %8d %9s %10.0f %12.0f %18s %10.2f %10.2f %10.2f %12.1f %12.1f%n",
          r.run(),
          r.tasks(),
          r.offeredRate() == 0 ? "max" : Integer.toString(r.offeredRate()),
          r.enqueuePerSecond(),
          r.processedPerSecond(),
          r.startLatency()
              .map(l -> l.p50() + "/" + l.p99() + "/" + l.max() + " ms")
              .orElse("(prefilled)"),
          r.perTask(r.server().totalCalls()),
          r.perTask(r.server().scriptCalls()),
          r.perTask(r.server().reads()),
          r.perTask(r.server().cpuMicros()),
          r.perTask(r.workerCpuMicros()));
    }
    for (RunResult r : runs) {
      r.queuedMemory()
          .ifPresent(
              m ->
                  out.printf(
                      "%nRedis memory per million queued tasks, %s run: %.1f MiB (MEMORY USAGE of"
                          + " the ready list, %.0f bytes a task); all servers' used_memory_dataset"
                          + " grew by %.1f MiB per million%n",
                      r.run(),
                      m.mibPerMillion(r.tasks()),
                      r.perTask(m.listBytes()),
                      m.datasetMibPerMillion(r.tasks())));
    }
    for (RunResult r : runs) {
      out.printf(
          "%nRedis commands per task, %s run (commandstats; scripts' commands included):%n",
          r.run());
      r.server()
          .commands()
          .forEach(
              (name, count) ->
                  out.printf(
                      "  %-22s %8.3f   %6.2f us/call%n",
                      name,
                      r.perTask(count.calls()),
                      count.usec() / (double) Math.max(1, count.calls())));
    }
    census.ifPresent(
        c -> {
          out.printf(
              "%nTop-level vs in-script calls per task (MONITOR census, %d tasks prefilled):%n",
              c.tasks());
          out.printf("  %-22s %10s %10s%n", "command", "top-level", "in scripts");
          c.splits()
              .forEach(
                  (name, split) ->
                      out.printf(
                          "  %-22s %10.3f %10.3f%n",
                          name,
                          split.topLevel() / (double) c.tasks(),
                          split.inScripts() / (double) c.tasks()));
          out.printf("  %-22s %10.3f %10.3f%n", "total", c.topLevelPerTask(), c.inScriptsPerTask());
        });
    out.printf(
        "%nworker peak RSS (VmHWM): %s MiB%n", peakRssKib.stream().map(k -> k / 1024).toList());
  }

  /** The MONITOR census of a small run. */
  record Census(int tasks, Map<String, MonitorCensus.Split> splits) {
    double topLevelPerTask() {
      return splits.values().stream().mapToLong(MonitorCensus.Split::topLevel).sum()
          / (double) tasks;
    }

    double inScriptsPerTask() {
      return splits.values().stream().mapToLong(MonitorCensus.Split::inScripts).sum()
          / (double) tasks;
    }
  }

  private String json(
      List<RunResult> runs, Optional<Census> census, List<Long> peakRssKib, GroupResults groups) {
    ObjectNode root = mapper.createObjectNode();
    root.put("bench", "queue");
    root.put("redis", redis);
    root.put("redis_mode", options.cluster() ? "cluster" : "single");
    root.put("workers", options.workers());
    root.put("concurrency", options.concurrency());
    root.put("type", options.taskType());
    if (options.taskType().equals("sleep")) {
      root.put("sleep_ms", options.sleepMs());
    }
    root.put("worker_java_opts", String.join(" ", options.workerJavaOptions()));
    ArrayNode array = root.putArray("runs");
    for (RunResult r : runs) {
      ObjectNode run = array.addObject();
      run.put("run", r.run());
      run.put("tasks", r.tasks());
      run.put("offered_rate", r.offeredRate());
      run.put("prefilled", r.prefilled());
      run.put("enqueue_tasks_per_s", Math.round(r.enqueuePerSecond()));
      run.put("processed_tasks_per_s", Math.round(r.processedPerSecond()));
      r.startLatency()
          .ifPresent(
              l -> {
                ObjectNode latency = run.putObject("start_latency_ms");
                latency.put("p50", l.p50());
                latency.put("p99", l.p99());
                latency.put("max", l.max());
              });
      run.put("redis_calls_per_task", round(r.perTask(r.server().totalCalls())));
      run.put("redis_evals_per_task", round(r.perTask(r.server().scriptCalls())));
      run.put("redis_reads_per_task", round(r.perTask(r.server().reads())));
      run.put("redis_cpu_us_per_task", round(r.perTask(r.server().cpuMicros())));
      run.put("worker_cpu_us_per_task", round(r.perTask(r.workerCpuMicros())));
      r.queuedMemory()
          .ifPresent(
              m -> {
                run.put("redis_bytes_per_queued_task", round(r.perTask(m.listBytes())));
                run.put("redis_mib_per_million_queued", round(m.mibPerMillion(r.tasks())));
                run.put(
                    "redis_dataset_mib_per_million_queued",
                    round(m.datasetMibPerMillion(r.tasks())));
              });
      ObjectNode commands = run.putObject("commands_per_task");
      r.server().commands().forEach((name, c) -> commands.put(name, round(r.perTask(c.calls()))));
      ObjectNode counters = run.putObject("counters");
      r.counters().forEach(counters::put);
      run.put("missing_completions", r.missing());
      run.put("retried", r.retried());
    }
    census.ifPresent(
        c -> {
          ObjectNode node = root.putObject("census");
          node.put("tasks", c.tasks());
          node.put("top_level_per_task", round(c.topLevelPerTask()));
          node.put("in_scripts_per_task", round(c.inScriptsPerTask()));
          ObjectNode commands = node.putObject("commands_per_task");
          c.splits()
              .forEach(
                  (name, split) -> {
                    ObjectNode command = commands.putObject(name);
                    command.put("top_level", round(split.topLevel() / (double) c.tasks()));
                    command.put("in_scripts", round(split.inScripts() / (double) c.tasks()));
                  });
        });
    groups.addTo(root);
    ArrayNode rss = root.putArray("worker_peak_rss_kib");
    peakRssKib.forEach(rss::add);
    return root.toString();
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
