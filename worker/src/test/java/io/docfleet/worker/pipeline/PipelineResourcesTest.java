package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Entity;
import io.docfleet.document.Stage;
import io.docfleet.redis.FleetContext;
import io.docfleet.store.DatabaseSettings;
import io.docfleet.store.DocumentStore;
import io.docfleet.task.Task;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.handler.TaskOutcome;
import io.docfleet.worker.testing.FakeOpenAi;
import io.docfleet.worker.testing.TestDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a pipeline worker opens from its environment (a schema it migrates, the sources, the cache
 * on its own Redis, the engines the variables name) runs a document through every stage, and is
 * closed together; a bad setting fails the opening, naming its variable.
 */
class PipelineResourcesTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("resources");
  @RegisterExtension static final TestDatabase db = TestDatabase.empty();

  private static final String CONTRACT =
      "SERVICES AGREEMENT between Acme Holdings, Inc. and Northwind Logistics LLC, made on"
          + " March 3, 2025. The fee is $1,250,000.00.";
  private static final String MENTIONS =
      "{\"entities\":[{\"type\":\"ORGANIZATION\",\"text\":\"Acme Holdings, Inc.\"}]}";

  @TempDir Path inbox;
  private final FakeOpenAi openAi = new FakeOpenAi();
  private final FleetContext fleet = redis.context(Clock.systemUTC());

  @AfterEach
  void tearDown() {
    openAi.close();
  }

  /**
   * A worker's environment: the test's schema and inbox, OpenAI entities, the cache's own Redis.
   */
  private Map<String, String> environment() {
    DatabaseSettings database = db.settings();
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", database.url());
    env.put("DATABASE_USER", database.user());
    database.password().ifPresent(secret -> env.put("DATABASE_PASSWORD", secret.value()));
    env.put("DOCFLEET_FILE_ROOTS", inbox.toString());
    env.put("REDIS_CACHE_URL", TestRedis.url());
    env.put("ENTITY_EXTRACTOR", "openai");
    env.put("OPENAI_API_KEY", "sk-test-not-a-real-key");
    env.put("OPENAI_BASE_URL", openAi.baseUrl());
    return env;
  }

  private PipelineResources open(Map<String, String> environment) {
    Env env = new Env(environment);
    return PipelineResources.open(env, fleet, FleetConfig.fromEnv(env), "resources-test");
  }

  private Task task(Stage stage, String documentId, String source) {
    var payload = fleet.codec().mapper().createObjectNode().put("documentId", documentId);
    if (source != null) {
      payload.put("source", source);
    }
    return Task.of("t-" + stage.taskType(), stage.taskType(), payload).withDocumentId(documentId);
  }

  @Test
  void whatAWorkerOpensFromItsEnvironmentRunsADocumentThroughEveryStage() throws Exception {
    openAi.replyWith(request -> MENTIONS);
    String source =
        Files.write(inbox.resolve("contract.txt"), TestDocuments.utf8(CONTRACT)).toUri().toString();
    DocumentStore store;
    try (PipelineResources resources = open(environment())) {
      PipelineContext pipeline = resources.context();
      store = pipeline.store();
      assertThat(resources.pools())
          .extracting(pool -> pool.use().title())
          .containsExactly("Redis cache", "PostgreSQL docfleet-worker");
      HandlerRegistry handlers = Pipeline.register(new HandlerRegistry(), pipeline);

      for (Task task :
          List.of(
              task(Stage.OCR, "d-contract", source),
              task(Stage.ENTITIES, "d-contract", null),
              task(Stage.STRUCTURED, "d-contract", null))) {
        assertThat(handlers.find(task.type()).orElseThrow().handle(task))
            .as(task.type())
            .isInstanceOf(TaskOutcome.Succeeded.class);
      }

      assertThat(store.documents().find("d-contract").orElseThrow().status())
          .isEqualTo(DocumentStatus.COMPLETED);
      assertThat(store.entities().entities("d-contract"))
          .extracting(Entity::text)
          .contains("Acme Holdings, Inc.");
      assertThat(openAi.received()).hasSize(store.chunks().chunks("d-contract").size());
    }
    // closed with the resources: the PostgreSQL pool that the store draws on
    assertThatThrownBy(() -> store.documents().find("d-contract"))
        .hasStackTraceContaining("has been closed");
  }

  @Test
  void aBadSettingFailsTheOpeningNamingItsVariable() {
    Map<String, String> env = environment();
    env.put("OCR_ENGINE", "papyrus");

    assertThatThrownBy(() -> open(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OCR_ENGINE");
  }

  @Test
  void onlyAWorkerServingAStageOrEveryTypeNeedsThePipeline() {
    assertThat(Pipeline.isServedBy(List.of())).isTrue();
    assertThat(Pipeline.isServedBy(List.of("sleep", "entities"))).isTrue();
    assertThat(Pipeline.isServedBy(List.of("noop", "sleep"))).isFalse();
  }
}
