package io.docfleet.api;

import io.docfleet.config.Concurrency;
import io.docfleet.queue.DeadLetter;
import io.docfleet.task.Task;
import io.docfleet.worker.heartbeat.Heartbeat;
import io.docfleet.worker.heartbeat.WorkerCounters;
import io.docfleet.worker.heartbeat.WorkerRegistration;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Seeds a coordinator's Redis the way workers would, for the console's route tests. */
public final class ConsoleSeeds {
  private final TestCoordinator api;

  public ConsoleSeeds(TestCoordinator api) {
    this.api = api;
  }

  /** A live worker serving {@code types}, registered by its heartbeat. */
  public void worker(String id, List<String> types) {
    new Heartbeat(
            api.fleet(),
            new WorkerRegistration(
                id, "h", 1, types, new Concurrency(2, Map.of()), api.clock().instant()),
            Duration.ofSeconds(5),
            Duration.ofSeconds(15),
            () -> new WorkerCounters(3, 1, 1))
        .beat();
  }

  /** {@code worker} claims up to {@code count} ready tasks of {@code type}: they run there. */
  public List<ClaimedItem> claim(String type, String worker, int count) {
    return new WorkerQueue(api.fleet(), type, worker)
        .claim(count)
        .toCompletableFuture()
        .join()
        .items();
  }

  /** Tasks {@code ids} of {@code type} queued, run and dead-lettered with error "boom". */
  public void deadLetters(String type, String... ids) {
    WorkerQueue queue = new WorkerQueue(api.fleet(), type, "w-dead");
    api.fleet().redis().getSet(api.fleet().keys().queuesIndex()).add(type);
    for (String id : ids) {
      String raw =
          api.fleet()
              .codec()
              .encode(Task.of(id, type, api.fleet().codec().mapper().createObjectNode()));
      api.fleet().redis().getList(api.fleet().keys().ready(type)).add(raw);
    }
    for (ClaimedItem run : queue.claim(ids.length).toCompletableFuture().join().items()) {
      DeadLetter entry =
          new DeadLetter(run.taskId(), run.item(), "boom", api.clock().instant(), "w-dead", 5);
      queue.ends().deadLetter(run, entry, true, null).toCompletableFuture().join();
    }
  }
}
