package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.cache.CacheEntry;
import io.docfleet.cache.CachePointer;
import io.docfleet.cache.CacheSettings;
import io.docfleet.cache.CacheType;
import io.docfleet.cache.ContentKey;
import io.docfleet.cache.ProviderCache;
import io.docfleet.cache.ProviderCaches;
import io.docfleet.document.ContentHash;
import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.store.StageEngine;
import io.docfleet.task.Priority;
import io.docfleet.task.Task;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.extraction.DocumentText;
import io.docfleet.worker.handler.PermanentTaskException;
import io.docfleet.worker.handler.TaskOutcome;
import io.docfleet.worker.testing.TestDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a stage makes of an input it cannot work on, or that holds nothing to work on: a task that
 * names no document fails for good saying so; a cached structured result that breaks the schema
 * fails its document rather than being stored; a scanned page without a text layer goes through
 * every stage with no entities and no call for them.
 */
class StageInputsTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("stage-inputs");
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final String CONTRACT =
      "SERVICES AGREEMENT between Acme Holdings, Inc. and Northwind Logistics LLC, made on"
          + " March 3, 2025. The fee is $1,250,000.00.";

  @TempDir Path inbox;
  private DirectStages stages;

  @BeforeEach
  void setUp() {
    stages = new DirectStages(redis.context(Clock.systemUTC()), db.dataSource(), inbox);
  }

  /** Runs the ocr and entities stages of the document that {@code file} holds. */
  private void runOcrAndEntities(String documentId, Path file) throws Exception {
    assertThat(stages.handle(stages.ocrTask(documentId, file)))
        .isInstanceOf(TaskOutcome.Succeeded.class);
    assertThat(stages.handle(stages.stageTask(Stage.ENTITIES, documentId)))
        .isInstanceOf(TaskOutcome.Succeeded.class);
  }

  @Test
  void aDocumentsLaterStagesWaitInTheLaneOfItsFirst() throws Exception {
    Path contract = Files.write(inbox.resolve("urgent.txt"), TestDocuments.utf8(CONTRACT));

    stages.handle(stages.ocrTask("d-urgent", contract).withPriority(Priority.HIGH));
    String entities =
        stages
            .fleet
            .redis()
            .<String>getList(stages.fleet.keys().runs().lane("entities", Priority.HIGH))
            .get(0);
    stages.handle(stages.fleet.codec().decode(entities));

    assertThat(stages.fleet.codec().decode(entities).priority()).isEqualTo(Priority.HIGH);
    assertThat(
            stages
                .fleet
                .redis()
                .<String>getList(stages.fleet.keys().runs().lane("structured", Priority.HIGH))
                .size())
        .isEqualTo(1);
    assertThat(stages.fleet.redis().getList(stages.fleet.keys().ready("structured")).size())
        .isZero();
  }

  @Test
  void aDocumentsLaterStagesAreInTheGroupOfItsFirst() throws Exception {
    Path contract = Files.write(inbox.resolve("acme.txt"), TestDocuments.utf8(CONTRACT));

    stages.handle(stages.ocrTask("d-acme", contract).withGroup("acme"));
    String entities =
        stages
            .fleet
            .redis()
            .<String>getList(
                stages.fleet.keys().groups().ready("entities", "acme", Priority.NORMAL))
            .get(0);
    stages.handle(stages.fleet.codec().decode(entities));

    assertThat(stages.fleet.codec().decode(entities).group()).isEqualTo("acme");
    assertThat(
            stages
                .fleet
                .redis()
                .getList(stages.fleet.keys().groups().ready("structured", "acme", Priority.NORMAL))
                .size())
        .isEqualTo(1);
  }

  @Test
  void aStageTaskThatNamesNoDocumentFailsForGoodSayingSo() {
    for (Stage stage : List.of(Stage.ENTITIES, Stage.STRUCTURED)) {
      Task nameless =
          Task.of(
              "t-nameless>" + stage.taskType(),
              stage.taskType(),
              stages.fleet.codec().mapper().createObjectNode());

      assertThatThrownBy(() -> stages.handle(nameless))
          .as(stage.taskType())
          .isInstanceOf(PermanentTaskException.class)
          .hasMessage("the task names no documentId");
    }
  }

  @Test
  void aCachedStructuredResultThatBreaksTheSchemaIsAMissComputedAgainAndStored() throws Exception {
    try (ProviderCache cache =
        ProviderCaches.open(CacheSettings.defaults(), stages.fleet, "stage-inputs-test")) {
      stages.cache(cache);
      Path contract = Files.write(inbox.resolve("contract.txt"), TestDocuments.utf8(CONTRACT));
      runOcrAndEntities("d-stale", contract);
      // a result under the document's key, in a shape the schema no longer allows
      String text = DocumentText.of(stages.store.pages().pages("d-stale")).text();
      StageEngine engine = StageEngines.of(stages.context(), Stage.STRUCTURED);
      ContentKey key =
          new ContentKey(
              CacheType.STRUCTURED,
              ContentHash.sha256(text),
              engine.engine(),
              engine.engineVersion(),
              engine.settingsVersion());
      assertThat(
              cache.putAll(
                  List.of(
                      new CacheEntry(
                          key,
                          CachePointer.chunk("d-stale", StructuredStage.WHOLE_DOCUMENT),
                          "{\"document_type\":\"poem\"}"))))
          .isTrue();

      // an entry its stage cannot read is a miss (CorruptCacheEntryTest): computed again, stored
      stages.handle(stages.stageTask(Stage.STRUCTURED, "d-stale"));

      assertThat(stages.store.structuredResults().latestOfEach("d-stale")).isNotEmpty();
      assertThat(stages.store.documents().find("d-stale").orElseThrow().status())
          .isNotEqualTo(DocumentStatus.FAILED);
    }
  }

  @Test
  void aScannedPageWithoutATextLayerGoesThroughWithNoEntitiesAndNoCallForThem() throws Exception {
    Path scan =
        Files.write(inbox.resolve("scan.pdf"), TestDocuments.scannedPdf("SIGNED BY ACME HOLDINGS"));

    runOcrAndEntities("d-scan", scan);
    assertThat(stages.handle(stages.stageTask(Stage.STRUCTURED, "d-scan")))
        .isInstanceOf(TaskOutcome.Succeeded.class);

    assertThat(stages.store.chunks().chunks("d-scan")).isEmpty();
    assertThat(stages.store.entities().entities("d-scan")).isEmpty();
    assertThat(stages.store.documents().find("d-scan").orElseThrow().status())
        .isEqualTo(DocumentStatus.COMPLETED);
    Map<String, String> state =
        stages
            .fleet
            .redis()
            .<String, String>getMap(stages.fleet.keys().documentState("d-scan"))
            .readAllMap();
    // one call to read the page, one for the facts, none for the entities of no text
    assertThat(state)
        .containsEntry("entities_status", "done")
        .containsEntry("provider_calls", "2")
        .containsEntry("status", "completed");
  }
}
