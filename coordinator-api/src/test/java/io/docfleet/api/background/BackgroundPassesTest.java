package io.docfleet.api.background;

import static io.docfleet.testing.TestDocuments.aDocument;
import static io.docfleet.testing.TestDocuments.anEntity;
import static io.docfleet.testing.TestDocuments.chunksOf;
import static io.docfleet.testing.TestDocuments.pages;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.cache.CacheSettings;
import io.docfleet.cache.CacheType;
import io.docfleet.cache.ContentKey;
import io.docfleet.cache.ProviderCache;
import io.docfleet.cache.RedisProviderCache;
import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.document.Stage;
import io.docfleet.queue.PendingDocuments;
import io.docfleet.redis.FleetContext;
import io.docfleet.store.DocumentFile;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.store.StageEngine;
import io.docfleet.store.StatusChange;
import io.docfleet.store.StructuredResult;
import io.docfleet.store.TextractJob;
import io.docfleet.task.Placement;
import io.docfleet.task.Priority;
import io.docfleet.task.Task;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Preload, warming and reconciling against seeded PostgreSQL rows, one pass at a time. */
class BackgroundPassesTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("background");

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final String prefix = redis.prefix();
  private final FleetContext fleet = redis.context(clock);
  private final JdbcDocumentStore store = new JdbcDocumentStore(db.dataSource(), clock);
  private ProviderCache cache;
  private BackgroundContext background;
  private final BackgroundSettings settings =
      new BackgroundSettings(
          Duration.ofSeconds(15), Duration.ofMinutes(1), Duration.ofMinutes(2), 2, true, 24, 100);

  @BeforeEach
  void setUp() {
    db.clear();
    cache = new RedisProviderCache(fleet, CacheSettings.defaults()).start();
    background = new BackgroundContext(fleet, store, cache, QueueSettings.defaults());
  }

  @AfterEach
  void tearDown() {
    cache.close();
  }

  private Map<String, String> hash(String key) {
    return fleet.redis().<String, String>getMap(key).readAllMap();
  }

  @Test
  void preloadCopiesUnfinishedStatesAndRecentTextractJobsWithoutOverwritingFresherFields() {
    store.documents().register(aDocument("d-queued"));
    store.documents().register(aDocument("d-running"));
    store.documents().changeStatus("d-running", StatusChange.processing(Stage.ENTITIES, 1));
    store.documents().register(aDocument("d-third"));
    store.documents().register(aDocument("d-done"));
    store.documents().changeStatus("d-done", StatusChange.processing(Stage.STRUCTURED, 1));
    store.documents().changeStatus("d-done", StatusChange.completed());
    String sha = aDocument("d-running").sha256();
    store.textractJobs().save(TextractJob.started("job-1", "d-running", sha, "token-1"));
    fleet.redis().getMap(fleet.keys().documentState("d-third")).put("status", "processing");

    StatePreload.Preloaded done = new StatePreload(background, 2).preload();

    assertThat(done).isEqualTo(new StatePreload.Preloaded(3, 1));
    assertThat(hash(fleet.keys().documentState("d-queued")))
        .containsEntry("status", "queued")
        .containsEntry("stage", "ocr")
        .containsEntry("progress", "0");
    assertThat(hash(fleet.keys().documentState("d-running")))
        .containsEntry("status", "processing")
        .containsEntry("stage", "entities")
        .containsEntry("progress", "33");
    // a field a worker wrote first is left as it is
    assertThat(hash(fleet.keys().documentState("d-third"))).containsEntry("status", "processing");
    assertThat(fleet.redis().getMap(fleet.keys().documentState("d-done")).isExists()).isFalse();
    String job = fleet.keys().ocrJobs().status("job-1");
    assertThat(hash(job))
        .containsEntry("status", "in_progress")
        .containsEntry("document_id", "d-running")
        .containsEntry("content_sha256", sha);
    assertThat(fleet.redis().getMap(job).remainTimeToLive())
        .isPositive()
        .isLessThanOrEqualTo(Duration.ofDays(1).toMillis());
  }

  @Test
  void warmingWritesEveryStageResultUnderTheKeyItsStageReadsWithTtls() throws Exception {
    String text = "Acme Holdings, Inc. pays $1,250,000.00 to Northwind Logistics LLC.";
    DocumentFile file = aDocument("d-warm");
    store.documents().register(file);
    store.pages().savePages("d-warm", pages(text));
    List<Chunk> chunks = chunksOf(text, 40);
    store.chunks().saveChunks("d-warm", chunks);
    Entity money = anEntity("money", "$1,250,000.00", text.indexOf("$1,250,000.00"));
    store.entities().replaceEntities("d-warm", "rules", List.of(money));
    JsonNode facts = fleet.codec().mapper().readTree("{\"document_type\":\"contract\"}");
    String textSha = ContentKey.sha256(text);
    store.structuredResults().save(new StructuredResult("d-warm", "rules", 1, textSha, facts));
    StageEngine ocr = new StageEngine("pdfbox", "pdfbox-3.0.8", "ocr-v1");
    StageEngine rules = new StageEngine("rules", "rules-v3", "entities-v1");
    StageEngine structured = new StageEngine("rules", "rules-s2", "structured-v1+rules-v3");
    store.stageEngines().record("d-warm", Stage.OCR, ocr);
    store.stageEngines().record("d-warm", Stage.ENTITIES, rules);
    store.stageEngines().record("d-warm", Stage.STRUCTURED, structured);
    store.documents().changeStatus("d-warm", StatusChange.processing(Stage.STRUCTURED, 1));
    store.documents().changeStatus("d-warm", StatusChange.completed());
    // 30 hours later the document is outside the 24-hour window
    clock.advance(Duration.ofHours(30));
    assertThat(new CacheWarmer(background, settings).warm().documents()).isZero();
    clock.set(Instant.parse("2026-11-25T12:00:00Z"));

    CacheWarmer.Warmed warmed = new CacheWarmer(background, settings).warm();

    assertThat(warmed.entriesWritten()).isEqualTo(1 + chunks.size() + 1);
    String ocrKey =
        fleet.keys().cacheEntry("ocr", file.sha256(), "pdfbox", "pdfbox-3.0.8", "ocr-v1");
    assertThat(fleet.redis().<String>getBucket(ocrKey).get()).contains("Northwind Logistics");
    assertThat(fleet.redis().getBucket(ocrKey).remainTimeToLive()).isPositive();
    Chunk withMoney =
        chunks.stream()
            .filter(c -> c.start() <= money.start() && money.end() <= c.end())
            .findAny()
            .orElseThrow();
    String entityKey =
        fleet.keys().cacheEntry("entities", withMoney.sha256(), "rules", "rules-v3", "entities-v1");
    assertThat(fleet.redis().<String>getBucket(entityKey).get())
        .contains("\"start\":" + (money.start() - withMoney.start()));
    String structuredKey =
        fleet
            .keys()
            .cacheEntry("structured", textSha, "rules", "rules-s2", "structured-v1+rules-v3");
    assertThat(fleet.redis().<String>getBucket(structuredKey).get()).contains("contract");
    assertThat(fleet.redis().getBucket(structuredKey).remainTimeToLive()).isPositive();
    assertThat(
            cache.existing(
                List.of(
                    new ContentKey(
                        CacheType.OCR, file.sha256(), "pdfbox", "pdfbox-3.0.8", "ocr-v1"))))
        .hasSize(1);
    // a second pass finds everything present and writes nothing
    assertThat(new CacheWarmer(background, settings).warm().entriesWritten()).isZero();
  }

  @Test
  void chosenDocumentsAreWarmedWhateverTheirAgeAndEachSaysHowItWent() {
    String text = "Globex Corporation owes Initech LLC $5,000.00 under the agreement.";
    DocumentFile file = aDocument("d-chosen");
    store.documents().register(file);
    store.pages().savePages("d-chosen", pages(text));
    List<Chunk> chunks = chunksOf(text, 30);
    store.chunks().saveChunks("d-chosen", chunks);
    for (Stage stage : Stage.values()) {
      store.stageEngines().record("d-chosen", stage, new StageEngine("rules", "v1", "s1"));
    }
    store.documents().changeStatus("d-chosen", StatusChange.processing(Stage.STRUCTURED, 1));
    store.documents().changeStatus("d-chosen", StatusChange.completed());
    store.documents().register(aDocument("d-running"));
    clock.advance(Duration.ofDays(30));

    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger warmerLog = (Logger) LoggerFactory.getLogger(CacheWarmer.class);
    logs.start();
    warmerLog.addAppender(logs);
    List<CacheWarmer.DocumentWarmed> outcomes;
    try {
      outcomes =
          new CacheWarmer(background, settings)
              .warmDocuments(List.of("d-chosen", "d-running", "d-none"));
    } finally {
      warmerLog.detachAppender(logs);
    }

    assertThat(outcomes)
        .containsExactly(
            new CacheWarmer.DocumentWarmed(
                "d-chosen", CacheWarmer.Result.WARMED, 1 + chunks.size()),
            new CacheWarmer.DocumentWarmed("d-running", CacheWarmer.Result.NOT_COMPLETED, 0),
            new CacheWarmer.DocumentWarmed("d-none", CacheWarmer.Result.UNKNOWN, 0));
    assertThat(logs.list)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getLevel()).isEqualTo(Level.INFO);
              assertThat(line.getFormattedMessage())
                  .isEqualTo(
                      "warmed the cache from 1 of 3 chosen documents: "
                          + (1 + chunks.size())
                          + " entries written; 1 unknown, 1 not completed, 0 without recorded"
                          + " engines");
            });
    assertThat(
            cache.existing(
                List.of(new ContentKey(CacheType.OCR, file.sha256(), "rules", "v1", "s1"))))
        .hasSize(1);
  }

  @Test
  void aDocumentWithoutRecordedEnginesIsNotWarmedByAGuess() {
    store.documents().register(aDocument("d-legacy"));
    store.documents().changeStatus("d-legacy", StatusChange.processing(Stage.STRUCTURED, 1));
    store.documents().changeStatus("d-legacy", StatusChange.completed());

    CacheWarmer.Warmed warmed = new CacheWarmer(background, settings).warm();

    assertThat(warmed).isEqualTo(new CacheWarmer.Warmed(1, 1, 0));
  }

  @Test
  void reconcilingQueuesTheCurrentStageOfDocumentsWithoutATaskOnce() {
    DocumentFile queued = aDocument("d-lost-ocr");
    store.documents().register(queued);
    store.documents().register(aDocument("d-lost-entities"));
    store.documents().changeStatus("d-lost-entities", StatusChange.processing(Stage.ENTITIES, 0));
    store.documents().register(aDocument("d-waiting"));
    new PendingDocuments(fleet).mark("d-waiting");
    store.documents().register(aDocument("d-done"));
    store.documents().changeStatus("d-done", StatusChange.processing(Stage.STRUCTURED, 1));
    store.documents().changeStatus("d-done", StatusChange.completed());
    clock.advance(Duration.ofMinutes(5));
    store.documents().register(aDocument("d-just-submitted"));
    Reconciler reconciler = new Reconciler(background, settings);

    assertThat(reconciler.reconcileOnce()).isEqualTo(2);

    List<Task> ocr = readyTasks("ocr");
    assertThat(ocr)
        .singleElement()
        .satisfies(
            task -> {
              assertThat(task.documentId()).isEqualTo("d-lost-ocr");
              assertThat(task.id()).startsWith("reconcile:d-lost-ocr@").endsWith(">ocr");
              assertThat(task.idempotencyKey()).isEqualTo(task.id());
              assertThat(task.payload().path("source").asText()).isEqualTo(queued.source());
              assertThat(task.payload().path("mediaType").asText()).isEqualTo(queued.mediaType());
            });
    assertThat(readyTasks("entities"))
        .singleElement()
        .satisfies(
            task -> {
              assertThat(task.documentId()).isEqualTo("d-lost-entities");
              assertThat(task.payload().path("documentId").asText()).isEqualTo("d-lost-entities");
            });
    // the queued tasks mark their documents: the next pass queues nothing
    assertThat(reconciler.reconcileOnce()).isZero();
    // once the grace has passed, the freshly submitted one is lost too
    clock.advance(Duration.ofMinutes(5));
    assertThat(reconciler.reconcileOnce()).isEqualTo(1);
    // Redis lost everything: the same state gives the same ids, queued once more
    redis.deleteKeys();
    assertThat(reconciler.reconcileOnce()).isEqualTo(4);
    assertThat(readyTasks("ocr"))
        .extracting(Task::id)
        .contains(ocr.get(0).id())
        .doesNotHaveDuplicates();
  }

  @Test
  void aReconciledTaskWaitsInTheLaneAndGroupItsDocumentWasSubmittedIn() {
    Placement placement = new Placement(Priority.LOW, Optional.of("acme"));
    store.documents().registerNew(aDocument("d-acme"), Optional.empty(), placement);
    clock.advance(Duration.ofMinutes(5));

    assertThat(new Reconciler(background, settings).reconcileOnce()).isEqualTo(1);

    List<String> waiting =
        fleet
            .redis()
            .<String>getList(fleet.keys().groups().ready("ocr", "acme", Priority.LOW))
            .readAll();
    assertThat(waiting)
        .singleElement()
        .satisfies(
            item -> {
              Task task = decode(item);
              assertThat(task.documentId()).isEqualTo("d-acme");
              assertThat(task.priority()).isEqualTo(Priority.LOW);
              assertThat(task.group()).isEqualTo("acme");
            });
  }

  private List<Task> readyTasks(String type) {
    return fleet.redis().<String>getList(fleet.keys().ready(type)).readAll().stream()
        .map(this::decode)
        .toList();
  }

  private Task decode(String item) {
    try {
      return fleet.codec().decode(item);
    } catch (Exception e) {
      throw new AssertionError("not a task: " + item, e);
    }
  }
}
