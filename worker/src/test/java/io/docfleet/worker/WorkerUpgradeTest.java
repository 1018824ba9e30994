package io.docfleet.worker;

import static io.docfleet.worker.Eventually.eventually;
import static io.docfleet.worker.WorkerProcess.aWorker;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.QueueCounter;
import io.docfleet.testing.SlowTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The switch from workers of the older run protocol (in-flight lists {@code
 * {tasks:<type>}:processing:<id>}, locks {@code queue:lock:<taskId>}, no {@code protocol} in their
 * registration) to this one, as the README's Upgrading tells it: a new worker refuses to start
 * while an older one is alive, with one line that says why; once the older ones are gone (here one
 * was killed, its tasks left in flight under the older name), the new workers return what they left
 * and run every task exactly once (runs counted outside Redis).
 */
@SlowTest
class WorkerUpgradeTest {
  private static final int EXIT_REFUSED = 1;

  @RegisterExtension final WorkerProcesses workers = new WorkerProcesses();
  private final TestFleet fleet = TestFleet.onSharedRedis("upgrade");
  private Path runLog;

  @BeforeEach
  void createRunLog() throws IOException {
    runLog = Files.createTempFile("docfleet-upgrade-runs", ".log");
  }

  @AfterEach
  void removeWorkersAndKeys() throws IOException {
    workers.killAll();
    fleet.close();
    Files.deleteIfExists(runLog);
  }

  @Test
  void aNewWorkerWaitsForTheOlderOnesToGoAndThenLosesNoTaskAndRunsNoneTwice() {
    List<String> tasks = fleet.submitSleepTasks("task", 12, Duration.ofMillis(20));
    // an older worker, alive, holding two tasks in flight under the older names
    var redis = fleet.context().redis();
    var keys = fleet.context().keys();
    List<String> stranded = List.of(fleet.readyItem(), fleet.readyItem());
    redis.getList(keys.legacy().inFlight(TestFleet.SLEEP, "old")).addAll(stranded);
    redis.getMap(keys.prefix() + "queue:lock:" + "task-0001").put("old-client:7", "1");
    redis.getSet(keys.workersIndex()).add("old");
    redis.getMap(keys.worker("old")).putAll(Map.of("id", "old", "host", "old-host"));

    WorkerProcess refused = workers.start(aWorker("new-1").against(fleet).recordingRunsTo(runLog));
    assertThat(refused.awaitExit(Duration.ofSeconds(60))).as("exit code").isEqualTo(EXIT_REFUSED);
    assertThat(refused.output())
        .contains(
            "worker old (host old-host) runs an older docfleet whose runs this version cannot"
                + " see; stop every older worker (let it drain) before starting this one:"
                + " README.md, Upgrading");
    assertThat(fleet.isRegistered("new-1")).as("the refused worker registered").isFalse();
    assertThat(RecordingWorkerMain.runs(runLog)).as("runs while refused").isEmpty();

    // the older worker is killed: its registration expires, its tasks stay in flight
    redis.getMap(keys.worker("old")).delete();
    workers.start(aWorker("new-2").against(fleet).recordingRunsTo(runLog));

    eventually().until(() -> fleet.sleepQueueIsEmpty() && !fleet.isIndexed("old"));
    List<String> ran =
        RecordingWorkerMain.runs(runLog).stream().map(RecordingWorkerMain.Run::taskId).toList();
    assertThat(ran).as("runs").hasSameSizeAs(tasks).containsExactlyInAnyOrderElementsOf(tasks);
    assertThat(fleet.counter(QueueCounter.COMPLETED)).isEqualTo(tasks.size());
    assertThat(fleet.counter(QueueCounter.RETURNED)).isEqualTo(stranded.size());
    assertThat(redis.getList(keys.legacy().inFlight(TestFleet.SLEEP, "old")).isExists()).isFalse();
    assertThat(fleet.assignmentStatuses(tasks))
        .allSatisfy((id, status) -> assertThat(status).isEqualTo("completed"));
  }
}
