package io.docfleet.tools.bench;

import io.docfleet.redis.RedisKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RBucket;
import org.redisson.client.codec.StringCodec;

/**
 * The runs of a benchmark against workers that are already up:
 *
 * <ul>
 *   <li><b>burst</b>: the type is paused, every task is queued, then the pause is lifted; measures
 *       enqueue tasks/s without workers competing, the Redis memory the queued tasks take ({@link
 *       QueuedMemory}), and processed tasks/s from the first completion to the last;
 *   <li><b>paced</b>: tasks are queued at the offered rate while the workers run; measures
 *       enqueue-to-start latency;
 *   <li><b>census</b>: a small prefilled run under MONITOR that splits the commands into top-level
 *       calls and calls inside scripts.
 * </ul>
 *
 * Each timed run clears the server's counters first and reads them once its tasks have finished.
 */
final class MeasuredRuns {
  /** Long enough for a claim loop blocked in BLMOVE (1 s) to come back and see the pause. */
  /** How long a pause is left to take hold before a run: the workers' last claims end. */
  private static final Duration PAUSE_QUIET = Duration.ofMillis(1_500);

  private final BenchTarget target;
  private final RBucket<String> paused;

  MeasuredRuns(BenchTarget target) {
    this.target = target;
    RedisKeys keys = target.keys();
    this.paused = target.redis().getBucket(keys.paused(target.type()), StringCodec.INSTANCE);
  }

  /** Runs tasks that are not measured, so that the JVMs are warm. */
  void warmUp(int tasks) throws InterruptedException {
    long before = QueueProgress.finished(target.progress().counters());
    target.enqueuer().burst("warmup", tasks);
    target.progress().awaitFinished(before + tasks, timeoutFor(tasks));
  }

  RunResult burst(int tasks) throws InterruptedException {
    pauseAndQuiet();
    Start start = begin();
    String ready = target.keys().ready(target.type());
    long listBefore = target.server().memoryUsage(ready);
    long datasetBefore = target.server().usedMemory();
    Enqueuer.Enqueued enqueued = target.enqueuer().burst("burst", tasks);
    QueuedMemory queued =
        new QueuedMemory(
            target.server().memoryUsage(ready) - listBefore,
            target.server().usedMemory() - datasetBefore);
    paused.delete();
    return end(start, enqueued, 0, true, Map.of("del", 1L), Optional.of(queued));
  }

  RunResult paced(int tasks, int rate) throws InterruptedException {
    Start start = begin();
    Enqueuer.Enqueued enqueued = target.enqueuer().paced("paced", tasks, rate);
    return end(start, enqueued, rate, false, Map.of(), Optional.empty());
  }

  BenchReport.Census census(int tasks) throws InterruptedException {
    pauseAndQuiet();
    long before = QueueProgress.finished(target.progress().counters());
    long looksBefore = target.progress().looks();
    List<MonitorCensus> censuses = target.nodes().stream().map(MonitorCensus::start).toList();
    target.enqueuer().burst("census", tasks);
    paused.delete();
    target.progress().awaitFinished(before + tasks, timeoutFor(tasks));
    long ownHmgets = target.progress().looks() - looksBefore;
    return new BenchReport.Census(
        tasks, MonitorCensus.finishAll(censuses, ownHmgets, Duration.ofSeconds(30)));
  }

  private record Start(Map<String, Long> counters, long looks, long workerCpu) {}

  private Start begin() {
    Map<String, Long> counters = target.progress().counters();
    target.server().reset();
    return new Start(counters, target.progress().looks(), target.workers().cpuMicros());
  }

  private RunResult end(
      Start start,
      Enqueuer.Enqueued enqueued,
      int rate,
      boolean prefilled,
      Map<String, Long> ownCommands,
      Optional<QueuedMemory> queuedMemory)
      throws InterruptedException {
    long target0 = QueueProgress.finished(start.counters()) + enqueued.count();
    Map<String, Long> after =
        target.progress().awaitFinished(target0, timeoutFor(enqueued.count()));
    long workerCpu = target.workers().cpuMicros() - start.workerCpu();
    Map<String, Long> own = new HashMap<>(ownCommands);
    own.merge("hmget", target.progress().looks() - start.looks(), Long::sum);
    ServerUsage usage = target.server().since().withoutBenchmark(own);
    AssignmentReadback.Recorded recorded = target.readback().read(enqueued);
    Map<String, Long> moved = new HashMap<>();
    after.forEach((name, value) -> moved.put(name, value - start.counters().get(name)));
    Optional<LatencySummary> latency =
        prefilled
            ? Optional.empty()
            : Optional.of(LatencySummary.of(recorded.startLatencies(enqueued.enqueuedAtMillis())));
    return new RunResult(
        enqueued.run(),
        enqueued.count(),
        rate,
        prefilled,
        enqueued.tasksPerSecond(),
        recorded.completionsPerSecond(),
        latency,
        usage,
        workerCpu,
        moved,
        recorded.missing(),
        recorded.retried(),
        queuedMemory);
  }

  private void pauseAndQuiet() throws InterruptedException {
    paused.set("1");
    Thread.sleep(PAUSE_QUIET.toMillis());
  }

  private static Duration timeoutFor(int tasks) {
    return Duration.ofSeconds(Math.max(120, tasks / 1_000));
  }
}
