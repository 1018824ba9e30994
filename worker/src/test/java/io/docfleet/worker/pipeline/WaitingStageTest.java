package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.document.Stage;
import io.docfleet.queue.GroupConfig;
import io.docfleet.queue.GroupConfigs;
import io.docfleet.spend.Budgets;
import io.docfleet.task.Task;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.extraction.EntityExtractor;
import io.docfleet.worker.handler.TaskOutcome;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.testing.TestDocuments;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage that waits says why in {@code doc:state} ({@code <stage>_waiting_for}), on the real Redis
 * and PostgreSQL: a spent budget of the task's group, the fleet's rate limit; and once the stage
 * runs again and is done the reason is gone.
 */
class WaitingStageTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("waiting-stage");
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final String INVOICE =
      "INVOICE from Acme Holdings, Inc. to Globex Corporation, dated March 3, 2025.";

  @TempDir Path inbox;
  private DirectStages stages;
  private final PaidExtractor openAi = new PaidExtractor();

  @BeforeEach
  void setUp() {
    db.clear();
    stages =
        new DirectStages(redis.context(Clock.systemUTC()), db.dataSource(), inbox).entities(openAi);
  }

  /** Runs the document's OCR stage in {@code group}; returns its entities task. */
  private Task readIn(String documentId, String group) throws Exception {
    Path file = Files.write(inbox.resolve(documentId + ".txt"), TestDocuments.utf8(INVOICE));
    assertThat(stages.handle(stages.ocrTask(documentId, file).withGroup(group)))
        .isInstanceOf(TaskOutcome.Succeeded.class);
    return stages.stageTask(Stage.ENTITIES, documentId).withGroup(group);
  }

  private Map<String, String> state(String documentId) {
    return stages
        .fleet
        .redis()
        .<String, String>getMap(stages.fleet.keys().documentState(documentId))
        .readAllMap();
  }

  private void dailyBudget(String group, Optional<BigDecimal> usd) {
    new GroupConfigs(stages.fleet)
        .write(
            group,
            new GroupConfig(
                OptionalInt.empty(), Optional.empty(), new Budgets(usd, Optional.empty())));
  }

  @Test
  void aStageOverItsGroupsBudgetSaysSoUntilItRunsAgainAndIsDone() throws Exception {
    dailyBudget("acme", Optional.of(BigDecimal.ZERO));
    Task entities = readIn("d-budget", "acme");

    assertThat(stages.handle(entities)).isInstanceOf(TaskOutcome.PollLater.class);

    assertThat(state("d-budget"))
        .containsEntry("entities_status", "waiting")
        .containsEntry(
            "entities_waiting_for", "daily budget of group acme reached: $0.00 of $0.00 spent");
    assertThat(openAi.calls).hasValue(0);

    dailyBudget("acme", Optional.empty());
    assertThat(stages.handle(entities)).isInstanceOf(TaskOutcome.Succeeded.class);

    assertThat(state("d-budget"))
        .containsEntry("entities_status", "done")
        .containsEntry("entities_waiting_for", "");
    assertThat(openAi.calls).hasValue(1);
  }

  @Test
  void aStageOverTheFleetsRateLimitSaysSoAndANewWaitTellsItsOwnReason() throws Exception {
    dailyBudget("globex", Optional.of(BigDecimal.ZERO));
    Task entities = readIn("d-limited", "globex");
    dailyBudget("globex", Optional.empty());
    openAi.overRateLimit.set(true);

    assertThat(stages.handle(entities)).isInstanceOf(TaskOutcome.PollLater.class);
    assertThat(state("d-limited"))
        .containsEntry("entities_status", "waiting")
        .containsEntry(
            "entities_waiting_for", "openai: chat is over the fleet's rate limit; waiting 250 ms");

    openAi.overRateLimit.set(false);
    dailyBudget("globex", Optional.of(BigDecimal.ZERO));
    assertThat(stages.handle(entities)).isInstanceOf(TaskOutcome.PollLater.class);
    assertThat(state("d-limited"))
        .containsEntry(
            "entities_waiting_for", "daily budget of group globex reached: $0.00 of $0.00 spent");
  }

  @Test
  void aStageThatNeverWaitedHasAnEmptyReason() throws Exception {
    Task entities = readIn("d-plain", "initech");

    assertThat(stages.handle(entities)).isInstanceOf(TaskOutcome.Succeeded.class);

    assertThat(state("d-plain"))
        .containsEntry("ocr_waiting_for", "")
        .containsEntry("entities_waiting_for", "");
  }

  /**
   * An entity extractor named like a paid one (so the budget gate guards it) that finds nothing, or
   * is held back by the fleet's rate limit while told so.
   */
  private static final class PaidExtractor implements EntityExtractor {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicBoolean overRateLimit = new AtomicBoolean();

    @Override
    public String name() {
      return "openai";
    }

    @Override
    public String version() {
      return "test-1";
    }

    @Override
    public List<Entity> extract(Chunk chunk) throws ProviderException {
      if (overRateLimit.get()) {
        throw ProviderException.overRateLimit("openai", "chat", Duration.ofMillis(250));
      }
      calls.incrementAndGet();
      return List.of();
    }
  }
}
