package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.config.Env;
import io.docfleet.document.Stage;
import io.docfleet.queue.GroupConfig;
import io.docfleet.queue.GroupConfigs;
import io.docfleet.queue.QueueCounter;
import io.docfleet.spend.Budgets;
import io.docfleet.spend.FleetBudgets;
import io.docfleet.spend.ProviderCall;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestDatabase;
import io.docfleet.worker.extraction.ExtractionSettings;
import io.docfleet.worker.extraction.Extractors;
import io.docfleet.worker.testing.FakeOpenAi;
import io.docfleet.worker.testing.TestDocuments;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group's daily budget reached mid-batch, on a real worker with {@value #SLOTS} slots, Redis and
 * PostgreSQL, through the OpenAI stand-in: paid calls stop within one call in flight per slot, the
 * documents over the budget wait (never failed, no attempt used, none dead-lettered), and once the
 * budget is raised each of them completes, paying for its call exactly once. Only the {@code
 * structured} stage pays here (OCR and entities are local), one call a document, every document the
 * same length so every call costs the same. And the same for a stage of many calls (entities, a
 * call per chunk) under the fleet's budget set as the API sets it: a run's calls so far count
 * before its next one, so the other slots see them while it runs.
 */
@SlowTest
class ProviderBudgetTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final int SLOTS = 3;
  private static final int DOCUMENTS = 14;

  @TempDir Path inbox;
  private PipelineFleet pipeline;
  private FakeOpenAi openAi;

  @BeforeEach
  void setUp() {
    db.clear();
    pipeline = new PipelineFleet(db.dataSource(), inbox);
    openAi = new FakeOpenAi();
    openAi.replyWith(RateLimitedPipelineTest::answerLikeTheRules);
  }

  /** Starts the worker with the OpenAI stand-in as {@code stage}'s extractor. */
  private void start(String extractorVariable) {
    Map<String, String> env = new HashMap<>();
    env.put(extractorVariable, "openai");
    env.put("OPENAI_API_KEY", "sk-test-not-a-real-key");
    env.put("OPENAI_BASE_URL", openAi.baseUrl());
    env.put("OPENAI_MODEL", "gpt-4o-mini");
    // a call costs its prompt's tokens, a dollar per thousand: the same for same-length texts
    env.put(
        "PROVIDER_PRICES",
        "openai:gpt-4o-mini:input=1/1K,openai:gpt-4o-mini:cached_input=1/1K,"
            + "openai:gpt-4o-mini:output=0");
    env.put("WORKER_CONCURRENCY", Integer.toString(SLOTS));
    env.put("PROVIDER_BUDGET_RECHECK", "100ms");
    env.put("DELAYED_POLL_INTERVAL", "50ms");
    ExtractionSettings extraction = ExtractionSettings.fromEnv(new Env(env));
    pipeline
        .chunkChars(200)
        .entities(Extractors.entityExtractor(extraction))
        .structured(Extractors.structuredExtractor(extraction))
        .start(env);
  }

  @AfterEach
  void tearDown() {
    pipeline.assertNoDocumentIsStranded();
    pipeline.close();
    openAi.close();
  }

  private static String text(int i) {
    return String.format(
        "INVOICE %03d from Acme Holdings, Inc. to Globex Corporation, dated March 3, 2025."
            + " The amount is $1,250.00.",
        i);
  }

  private String submit(String group, int i) throws Exception {
    String id = "d-" + group + "-" + i;
    Path file = pipeline.file(id + ".txt", TestDocuments.utf8(text(i)));
    pipeline.submitter.submit(
        pipeline.ocrTask("t-" + id, id, file.toUri().toString()).withGroup(group));
    return id;
  }

  private List<ProviderCall> paid(List<String> documents) {
    List<ProviderCall> rows = new ArrayList<>();
    documents.forEach(
        id ->
            pipeline.store.providerCalls().ofDocument(id).stream()
                .filter(row -> !row.cached())
                .forEach(rows::add));
    return rows;
  }

  private long waiting(List<String> documents) {
    return waiting(documents, Stage.STRUCTURED);
  }

  private long waiting(List<String> documents, Stage stage) {
    return documents.stream()
        .filter(id -> "waiting".equals(pipeline.state(id).get(stage.taskType() + "_status")))
        .count();
  }

  /** What {@code rows} cost less the {@value #SLOTS} costliest: one call in flight per slot. */
  private static BigDecimal withoutOneCallPerSlot(List<ProviderCall> rows) {
    BigDecimal total =
        rows.stream().map(ProviderCall::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal largest =
        rows.stream()
            .map(ProviderCall::costUsd)
            .sorted(Comparator.reverseOrder())
            .limit(SLOTS)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    return total.subtract(largest);
  }

  private long completed(List<String> documents) {
    return documents.stream()
        .filter(id -> "completed".equals(pipeline.state(id).get("status")))
        .count();
  }

  @Test
  void spendStopsWithinOneCallPerSlotAndTheWaitingDocumentsCompleteOnceTheBudgetIsRaised()
      throws Exception {
    start("STRUCTURED_EXTRACTOR");
    // what one document's call costs, paid by a group without a budget
    String probe = submit("probe", 999);
    pipeline.awaitStatus(probe, "completed");
    List<ProviderCall> probeRows = paid(List.of(probe));
    assertThat(probeRows).hasSize(1);
    BigDecimal perCall = probeRows.get(0).costUsd();
    assertThat(perCall).isPositive();

    // acme may spend three and a half calls today: four calls start before it is reached
    BigDecimal budget = perCall.multiply(new BigDecimal("3.5"));
    int allowed = 4;
    GroupConfigs configs = new GroupConfigs(pipeline.fleet);
    configs.write(
        "acme",
        new GroupConfig(
            OptionalInt.empty(),
            Optional.empty(),
            new Budgets(Optional.of(budget), Optional.empty())));
    List<String> documents = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      documents.add(submit("acme", i));
    }

    // spend stops: every document either completed or waits for the budget
    await()
        .atMost(PipelineFleet.WAIT)
        .until(() -> completed(documents) + waiting(documents) == DOCUMENTS);
    long pollsBefore = pipeline.queue(Stage.STRUCTURED).counter(QueueCounter.POLLS_SCHEDULED);
    await()
        .atMost(PipelineFleet.WAIT)
        .until(
            () ->
                pipeline.queue(Stage.STRUCTURED).counter(QueueCounter.POLLS_SCHEDULED)
                    >= pollsBefore + 2L * waiting(documents));
    List<ProviderCall> spent = paid(documents);
    assertThat(spent).allSatisfy(row -> assertThat(row.costUsd()).isEqualByComparingTo(perCall));
    assertThat(spent.size())
        .as("paid calls: at most the budget's calls plus one in flight per slot")
        .isBetween(allowed, allowed + SLOTS);
    assertThat(withoutOneCallPerSlot(spent)).isLessThan(budget);
    assertThat(completed(documents)).isEqualTo(spent.size());
    assertThat(openAi.received()).hasSize(spent.size() + 1);
    assertThat(pipeline.queue(Stage.STRUCTURED).dead()).isZero();
    assertThat(pipeline.queue(Stage.STRUCTURED).counter(QueueCounter.FAILED)).isZero();
    pipeline.assertNoDocumentIsStranded();

    // the operator raises the budget (PUT /api/v1/groups/acme): the waiting documents complete
    configs.write(
        "acme",
        new GroupConfig(
            OptionalInt.empty(),
            Optional.empty(),
            new Budgets(Optional.of(perCall.multiply(BigDecimal.valueOf(100))), Optional.empty())));
    documents.forEach(id -> pipeline.awaitStatus(id, "completed"));
    assertThat(paid(documents)).as("each document paid for exactly once").hasSize(DOCUMENTS);
    assertThat(openAi.received()).hasSize(DOCUMENTS + 1);
    for (String id : documents) {
      assertThat(pipeline.assignment("t-" + id + ">entities>structured"))
          .as("a wait uses no attempt")
          .containsEntry("attempts", "1");
    }
    assertThat(pipeline.queue(Stage.STRUCTURED).dead()).isZero();
    assertThat(pipeline.queue(Stage.STRUCTURED).counter(QueueCounter.FAILED)).isZero();
    assertThat(pipeline.queue(Stage.STRUCTURED).counter(QueueCounter.COMPLETED))
        .isEqualTo(DOCUMENTS + 1);
  }

  /** A document of {@code sentences} sentences of the same length: one entity chunk each. */
  private String submitLong(String id, int sentences) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int n = 0; n < sentences; n++) {
      text.append(
          String.format(
              "Clause %s.%02d: Acme Holdings, Inc. pays Globex Corporation $1,250.00 on March 3,"
                  + " 2025, and notices go to legal@globex.example at its registered office. ",
              id.substring(id.length() - 2), n));
    }
    Path file = pipeline.file(id + ".txt", TestDocuments.utf8(text.toString()));
    pipeline.submitter.submit(pipeline.ocrTask("t-" + id, id, file.toUri().toString()));
    return id;
  }

  @Test
  void aRunOfManyCallsShowsItsSpendAsItGoesAndAFleetBudgetRaisedThroughTheApiLetsItFinish()
      throws Exception {
    start("ENTITY_EXTRACTOR");
    String probe = submitLong("d-probe-99", 4);
    pipeline.awaitStatus(probe, "completed");
    List<ProviderCall> probeRows = paid(List.of(probe));
    int chunks = probeRows.size();
    assertThat(chunks).as("entities are extracted chunk by chunk").isGreaterThanOrEqualTo(3);
    BigDecimal probeCost =
        probeRows.stream().map(ProviderCall::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal perCall = probeCost.divide(BigDecimal.valueOf(chunks), 10, RoundingMode.HALF_EVEN);

    // the fleet may spend three and a half calls more today: less than one document's chunks
    BigDecimal budget = probeCost.add(perCall.multiply(new BigDecimal("3.5")));
    FleetBudgets budgets = new FleetBudgets(pipeline.fleet);
    budgets.write(new Budgets(Optional.of(budget), Optional.empty()));
    List<String> documents = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      documents.add(submitLong(String.format("d-long-%02d", i), 4));
    }

    await()
        .atMost(PipelineFleet.WAIT)
        .until(() -> waiting(documents, Stage.ENTITIES) + completed(documents) == 6);
    List<ProviderCall> spent = paid(documents);
    assertThat(withoutOneCallPerSlot(spent))
        .as(
            "each slot's calls so far are counted before its next one: only the calls in flight pass")
        .isLessThan(budget.subtract(probeCost));
    assertThat(spent.size()).isLessThanOrEqualTo(4 + SLOTS);
    String someWaiting =
        documents.stream()
            .filter(id -> "waiting".equals(pipeline.state(id).get("entities_status")))
            .findFirst()
            .orElseThrow();
    assertThat(pipeline.state(someWaiting).get("entities_waiting_for"))
        .startsWith("daily budget of the fleet reached: $");
    assertThat(pipeline.queue(Stage.ENTITIES).dead()).isZero();

    // the operator raises the fleet's budget (PUT /api/v1/spend/budgets): no worker restarts
    budgets.write(
        new Budgets(Optional.of(perCall.multiply(BigDecimal.valueOf(1000))), Optional.empty()));
    documents.forEach(id -> pipeline.awaitStatus(id, "completed"));
    assertThat(paid(documents)).as("each chunk paid for exactly once").hasSize(6 * chunks);
    assertThat(openAi.received()).hasSize(7 * chunks);
    for (String id : documents) {
      assertThat(pipeline.assignment("t-" + id + ">entities"))
          .as("a wait uses no attempt")
          .containsEntry("attempts", "1");
    }
    assertThat(pipeline.queue(Stage.ENTITIES).dead()).isZero();
    assertThat(pipeline.queue(Stage.ENTITIES).counter(QueueCounter.FAILED)).isZero();
  }
}
