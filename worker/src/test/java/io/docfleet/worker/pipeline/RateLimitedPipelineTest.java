package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.cache.CacheSettings;
import io.docfleet.cache.Provider;
import io.docfleet.cache.ProviderRateLimits;
import io.docfleet.config.Env;
import io.docfleet.document.Chunk;
import io.docfleet.document.Stage;
import io.docfleet.queue.QueueCounter;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestDatabase;
import io.docfleet.worker.extraction.ExtractionSettings;
import io.docfleet.worker.extraction.Extractors;
import io.docfleet.worker.extraction.RulesEntityExtractor;
import io.docfleet.worker.extraction.RulesStructuredExtractor;
import io.docfleet.worker.extraction.StructuredInput;
import io.docfleet.worker.provider.CallPermits;
import io.docfleet.worker.provider.PermitSettings;
import io.docfleet.worker.testing.FakeOpenAi;
import io.docfleet.worker.testing.TestDocuments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RateType;
import org.redisson.api.ratelimiter.RateLimiterArgs;

/**
 * The OpenAI extractors under a fleet-wide rate limit ({@code rate:openai:chat}): a task over the
 * limit is put off and asks again later, never failed, and once permits come every document
 * completes, each chunk paid for once.
 */
@SlowTest
class RateLimitedPipelineTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final List<String> TEXTS =
      List.of(
          "SERVICES AGREEMENT between Acme Holdings, Inc. and Northwind Logistics LLC, made on"
              + " March 3, 2025. The fee is $1,250,000.00.",
          "LEASE between Harbor Point Properties LLC and Globex Corporation, dated May 6, 2024."
              + " Rent is $12,500.00 a month.",
          ("NOTICE of default sent by Initech Holdings, Inc. to Umbrella Group on April 28, 2025."
                  + " The amount past due is USD 45,000. ")
              .repeat(4));

  @TempDir Path inbox;
  private PipelineFleet pipeline;
  private FakeOpenAi openAi;

  @BeforeEach
  void setUp() {
    pipeline = new PipelineFleet(db.dataSource(), inbox);
    openAi = new FakeOpenAi();
    openAi.replyWith(RateLimitedPipelineTest::answerLikeTheRules);
  }

  @AfterEach
  void tearDown() {
    pipeline.assertNoDocumentIsStranded();
    pipeline.close();
    openAi.close();
  }

  @Test
  void tasksOverTheLimitArePutOffNeverFailedAndFinishOnceThePermitsCome() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("ENTITY_EXTRACTOR", "openai");
    env.put("STRUCTURED_EXTRACTOR", "openai");
    env.put("OPENAI_API_KEY", "sk-test-not-a-real-key");
    env.put("OPENAI_BASE_URL", openAi.baseUrl());
    env.put("RATE_LIMIT_OPENAI_CHAT", "1/1h");
    env.put("RATE_LIMIT_WAIT", "0s");
    env.put("RATE_LIMIT_DEFER_MAX", "50ms");
    env.put("DELAYED_POLL_INTERVAL", "50ms");
    Env variables = new Env(env);
    ExtractionSettings extraction = ExtractionSettings.fromEnv(variables);
    CallPermits permits =
        PipelineResources.permits(
            new ProviderRateLimits(pipeline.fleet, CacheSettings.fromEnv(variables)),
            Provider.OPENAI,
            PermitSettings.fromEnv(variables));
    pipeline
        .entities(Extractors.entityExtractor(extraction, permits))
        .structured(Extractors.structuredExtractor(extraction, permits))
        .start(env);
    for (int i = 0; i < TEXTS.size(); i++) {
      pipeline.submitOcr(
          "t-" + i, "d-" + i, pipeline.file(i + ".txt", TestDocuments.utf8(TEXTS.get(i))));
    }

    // one permit in the hour: one call goes, every other task waits, asking again and again
    await().atMost(PipelineFleet.WAIT).until(() -> openAi.received().size() == 1);
    long putOffs = putOff(Stage.ENTITIES) + putOff(Stage.STRUCTURED) + 4L * TEXTS.size();
    await()
        .atMost(PipelineFleet.WAIT)
        .until(() -> putOff(Stage.ENTITIES) + putOff(Stage.STRUCTURED) >= putOffs);
    assertThat(openAi.received()).hasSize(1);
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(pipeline.state("d-" + i)).containsEntry("status", "processing");
    }
    assertThat(waitingStages()).isNotEmpty();
    assertThat(pipeline.queue(Stage.ENTITIES).dead()).isZero();
    assertThat(pipeline.queue(Stage.ENTITIES).counter(QueueCounter.FAILED)).isZero();
    pipeline.assertNoDocumentIsStranded();

    // an operator raises the limit: the waiting tasks get their permits
    pipeline
        .redis()
        .getRateLimiter(pipeline.keys().rateLimit("openai", "chat"))
        .setRate(RateLimiterArgs.of(RateType.OVERALL, 1000, Duration.ofSeconds(1)));
    int chunks = 0;
    for (int i = 0; i < TEXTS.size(); i++) {
      pipeline.awaitStatus("d-" + i, "completed");
      assertThat(pipeline.assignment("t-" + i + ">entities")).containsEntry("attempts", "1");
      assertThat(pipeline.assignment("t-" + i + ">entities>structured"))
          .containsEntry("attempts", "1");
      assertThat(pipeline.store.entities().entities("d-" + i)).isNotEmpty();
      chunks += pipeline.store.chunks().chunks("d-" + i).size();
    }
    assertThat(chunks).isGreaterThan(TEXTS.size());
    assertThat(openAi.received())
        .as("each chunk and each document paid for once, however often its task waited")
        .hasSize(chunks + TEXTS.size());
    assertThat(pipeline.queue(Stage.ENTITIES).counter(QueueCounter.FAILED)).isZero();
    assertThat(pipeline.queue(Stage.STRUCTURED).counter(QueueCounter.FAILED)).isZero();
  }

  private long putOff(Stage stage) {
    return pipeline.queue(stage).counter(QueueCounter.POLLS_SCHEDULED);
  }

  private List<String> waitingStages() {
    return TEXTS.stream()
        .map(text -> pipeline.state("d-" + TEXTS.indexOf(text)))
        .flatMap(state -> state.entrySet().stream())
        .filter(e -> e.getKey().endsWith("_status") && e.getValue().equals("waiting"))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** A model that finds what the rules find: entity mentions, or the document's facts. */
  /** What the rules would find, as the OpenAI extractors ask for it. */
  static String answerLikeTheRules(JsonNode request) {
    String text = FakeOpenAi.userMessage(request);
    var entities =
        new RulesEntityExtractor().extract(new Chunk("0-x", 0, 0, text.length(), "sha", text));
    if (request.toString().contains("You extract named entities")) {
      StringBuilder reply = new StringBuilder("{\"entities\":[");
      for (int i = 0; i < entities.size(); i++) {
        reply
            .append(i == 0 ? "" : ",")
            .append("{\"type\":\"")
            .append(entities.get(i).type().toUpperCase(java.util.Locale.ROOT))
            .append("\",\"text\":")
            .append(com.fasterxml.jackson.databind.node.TextNode.valueOf(entities.get(i).text()))
            .append('}');
      }
      return reply.append("]}").toString();
    }
    return new RulesStructuredExtractor().extract(new StructuredInput(text, entities)).toJson();
  }
}
