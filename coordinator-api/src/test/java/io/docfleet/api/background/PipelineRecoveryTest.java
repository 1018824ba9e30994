package io.docfleet.api.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.cache.CacheSettings;
import io.docfleet.cache.ProviderCache;
import io.docfleet.cache.RedisProviderCache;
import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.document.ContentHash;
import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.events.DocumentEvent;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.store.DocumentFile;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.task.Task;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.runtime.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.client.codec.StringCodec;

/**
 * The coordinator's background work with the real pipeline on an in-JVM worker: Redis loses
 * everything mid-way and the reconciler brings every document to completion, each stage's result
 * computed and written once; warming makes a re-submitted content free; state changes are published
 * in order.
 */
@SlowTest
class PipelineRecoveryTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("recovery");

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path inbox;
  private final String prefix = redis.prefix();
  private final FleetContext fleet = redis.context(Clock.systemUTC());
  private final CountingStore store =
      new CountingStore(new JdbcDocumentStore(db.dataSource(), Clock.systemUTC()));
  private final List<Worker> workers = new ArrayList<>();
  private ProviderCache cache;
  private TestPipeline pipeline;
  private TaskSubmitter submitter;
  private BackgroundContext coordinator;

  @BeforeEach
  void setUp() {
    db.clear();
    cache = new RedisProviderCache(fleet, CacheSettings.defaults()).start();
    pipeline = new TestPipeline(fleet, store, cache, inbox);
    submitter = new TaskSubmitter(fleet, QueueSettings.defaults());
    // the coordinator's clock runs ten minutes ahead, past the reconciler's grace, instead of
    // the test waiting for it
    FleetContext ahead =
        new FleetContext(
            fleet.redis(),
            fleet.keys(),
            fleet.codec(),
            Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
    coordinator = new BackgroundContext(ahead, store, cache, QueueSettings.defaults());
  }

  @AfterEach
  void tearDown() {
    workers.forEach(Worker::drain);
    cache.close();
  }

  private Worker worker(String id, String types) {
    Worker worker = pipeline.worker(id, types);
    workers.add(worker);
    return worker;
  }

  private Path file(String name, String text) throws Exception {
    return Files.writeString(inbox.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static String contentOf(int i) {
    return "SETTLEMENT No. "
        + i
        + " between Acme Holdings, Inc. and Northwind Logistics LLC, made on March "
        + (i + 1)
        + ", 2025, for $"
        + (1000 * i + 250)
        + ".00 payable to billing@acme.example.";
  }

  /** An ingester's submit: the ocr task, through docfleet's submitter. */
  private void submitOcr(String documentId, Path path) {
    submitter.submit(
        Task.of(
                "t-" + documentId,
                "ocr",
                fleet
                    .codec()
                    .mapper()
                    .createObjectNode()
                    .put("source", path.toUri().toString())
                    .put("documentId", documentId))
            .withDocumentId(documentId));
  }

  private DocumentStatus status(String documentId) {
    return store.documents().find(documentId).orElseThrow().status();
  }

  private boolean atStage(String documentId, Stage stage) {
    return store.documents().find(documentId).map(d -> d.stage() == stage).orElse(false);
  }

  private Reconciler reconciler() {
    return new Reconciler(coordinator, BackgroundSettings.defaults());
  }

  @Test
  void afterRedisLostEverythingMidWayEveryDocumentFinishesWithEachStageDoneOnce() throws Exception {
    List<String> ocrDone = List.of("d-0", "d-1", "d-2", "d-3");
    for (int i = 0; i < ocrDone.size(); i++) {
      submitOcr(ocrDone.get(i), file("doc-" + i + ".txt", contentOf(i)));
    }
    Worker ocrOnly = worker("ocr-only", "ocr");
    await()
        .atMost(WAIT)
        .until(
            () ->
                ocrDone.stream().allMatch(id -> atStage(id, Stage.ENTITIES))
                    && fleet.redis().getList(fleet.keys().ready("entities")).size() == 4);
    ocrOnly.drain();
    // two documents the API registered and queued, not yet read by any worker
    List<String> unread = List.of("d-4", "d-5");
    for (int i = 4; i < 6; i++) {
      Path path = file("doc-" + i + ".txt", contentOf(i));
      String id = "d-" + i;
      store
          .documents()
          .register(
              new DocumentFile(
                  id,
                  path.toUri().toString(),
                  "doc-" + i + ".txt",
                  "text/plain",
                  0,
                  ContentHash.sha256(new byte[0])));
      submitOcr(id, path);
    }
    assertThat(reconciler().reconcileOnce()).as("every document has its task").isZero();

    long lost = redis.deleteKeys();

    assertThat(lost).isPositive();
    assertThat(fleet.redis().getList(fleet.keys().ready("entities")).size()).isZero();
    assertThat(reconciler().reconcileOnce()).isEqualTo(6);
    assertThat(reconciler().reconcileOnce()).as("a second pass queues nothing").isZero();
    assertThat(fleet.redis().getList(fleet.keys().ready("entities")).size()).isEqualTo(4);
    assertThat(fleet.redis().getList(fleet.keys().ready("ocr")).size()).isEqualTo(2);

    worker("full", "ocr,entities,structured");
    List<String> all = new ArrayList<>(ocrDone);
    all.addAll(unread);
    await()
        .atMost(WAIT)
        .until(() -> all.stream().allMatch(id -> status(id) == DocumentStatus.COMPLETED));

    assertThat(pipeline.engines.ocrCalls).hasValue(6);
    assertThat(pipeline.engines.entityCalls).hasValue(6); // one chunk per document
    assertThat(pipeline.engines.structuredCalls).hasValue(6);
    for (String id : all) {
      assertThat(store.pageWrites).as(id).containsEntry(id, 1);
      assertThat(store.entityWrites).as(id).containsEntry(id, 1);
      assertThat(store.structuredWrites).as(id).containsEntry(id, 1);
      assertThat(store.entities().entities(id)).as(id).isNotEmpty();
      assertThat(fleet.redis().getBucket(fleet.keys().pendingDocument(id)).isExists())
          .as("a finished document keeps no pending mark")
          .isFalse();
    }
    assertThat(reconciler().reconcileOnce()).isZero();
  }

  @Test
  void aWarmedDocumentsContentCostsNoProviderCallWhenSubmittedAgain() throws Exception {
    Path original = file("original.txt", contentOf(7));
    worker("full", "ocr,entities,structured");
    submitOcr("d-original", original);
    await().atMost(WAIT).until(() -> status("d-original") == DocumentStatus.COMPLETED);
    int ocr = pipeline.engines.ocrCalls.get();
    int entities = pipeline.engines.entityCalls.get();
    int structured = pipeline.engines.structuredCalls.get();
    assertThat(ocr + entities + structured).isEqualTo(3);
    // the cache's Redis lost everything, then a coordinator is elected and warms it
    redis.deleteKeys();
    CacheWarmer.Warmed warmed = new CacheWarmer(coordinator, BackgroundSettings.defaults()).warm();
    assertThat(warmed.entriesWritten()).isEqualTo(3);

    submitOcr("d-copy", file("copy.txt", contentOf(7)));
    await().atMost(WAIT).until(() -> status("d-copy") == DocumentStatus.COMPLETED);

    assertThat(pipeline.engines.ocrCalls).hasValue(ocr);
    assertThat(pipeline.engines.entityCalls).hasValue(entities);
    assertThat(pipeline.engines.structuredCalls).hasValue(structured);
    Map<String, String> state =
        fleet.redis().<String, String>getMap(fleet.keys().documentState("d-copy")).readAllMap();
    assertThat(state).containsEntry("provider_calls", "0").containsEntry("cache_hits", "3");
    assertThat(store.entities().entities("d-copy"))
        .hasSameSizeAs(store.entities().entities("d-original"));
  }

  @Test
  void aSubscriberReceivesEveryStateChangeOfADocumentInOrder() throws Exception {
    List<DocumentEvent> events = Collections.synchronizedList(new ArrayList<>());
    int listener =
        fleet
            .redis()
            .getTopic(fleet.keys().documentEvents(), StringCodec.INSTANCE)
            .addListener(
                String.class,
                (channel, message) ->
                    events.add(DocumentEvent.fromJson(fleet.codec().mapper(), message)));
    try {
      worker("full", "ocr,entities,structured");
      submitOcr("d-watched", file("watched.txt", contentOf(3)));
      await()
          .atMost(WAIT)
          .until(() -> events.stream().anyMatch(e -> e.status().equals("completed")));

      List<String> seen =
          events.stream()
              .filter(e -> e.documentId().equals("d-watched"))
              .map(e -> e.status() + "/" + e.stage() + "/" + e.progress())
              .toList();
      assertThat(seen)
          .containsExactly(
              "processing/ocr/0",
              "processing/ocr/33",
              "processing/entities/33",
              "processing/entities/66",
              "processing/structured/66",
              "completed/structured/100");
      List<Long> times = events.stream().map(DocumentEvent::at).toList();
      assertThat(times).isSorted();
    } finally {
      fleet.redis().getTopic(fleet.keys().documentEvents()).removeListener(listener);
    }
  }
}
