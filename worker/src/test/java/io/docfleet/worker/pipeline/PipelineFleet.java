package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.cache.CacheSettings;
import io.docfleet.cache.ProviderCache;
import io.docfleet.cache.ProviderCaches;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.document.Stage;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.QueueStats;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.source.DocumentSources;
import io.docfleet.source.SourceSettings;
import io.docfleet.spend.BudgetSettings;
import io.docfleet.spend.ProviderPrices;
import io.docfleet.store.DocumentRecord;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Task;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.TestRedis;
import io.docfleet.worker.extraction.EntityExtractor;
import io.docfleet.worker.extraction.RulesEntityExtractor;
import io.docfleet.worker.extraction.RulesStructuredExtractor;
import io.docfleet.worker.extraction.StructuredExtractor;
import io.docfleet.worker.extraction.TextChunker;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.metrics.WorkerMetrics;
import io.docfleet.worker.ocr.OcrEngine;
import io.docfleet.worker.ocr.PdfBoxEngine;
import io.docfleet.worker.ocr.TextractJobSettings;
import io.docfleet.worker.runtime.Worker;
import io.docfleet.worker.testing.CountingEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * One test's pipeline fleet on the real Redis and PostgreSQL: a key prefix of its own, a folder of
 * documents (the only {@code file://} root), a worker running the three stages through the claim
 * loop with the engines the test picks (PDFBox and the rules extractors unless told otherwise, each
 * call counted by {@link #engines}), and probes of what a run left: {@code doc:state}, the rows,
 * the queues. Settings come from the environment map given to {@link #start}, as a worker reads
 * them. {@link #close} drains the worker and deletes the prefix's keys. Public for the sample
 * corpus's pipeline test in tools/.
 */
public final class PipelineFleet implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(120);
  static final String WORKER_ID = "pipeline-w1";

  public final CountingEngines engines = new CountingEngines();

  /** The worker's meters: its provider calls are timed here. */
  final WorkerMetrics metrics = WorkerMetrics.create();

  final String prefix;
  final FleetContext fleet;
  public final JdbcDocumentStore store;
  final TaskSubmitter submitter;
  final Path inbox;

  private final Set<String> documents = new LinkedHashSet<>();
  private OcrEngine ocr = new PdfBoxEngine();
  private EntityExtractor entities = new RulesEntityExtractor();
  private StructuredExtractor structured = new RulesStructuredExtractor();
  private int chunkChars = 400;
  private ProviderCache cache;
  private Worker worker;

  /** A fleet on the Redis the tests share. */
  public PipelineFleet(DataSource dataSource, Path inbox) {
    this(dataSource, inbox, TestRedis.client());
  }

  /**
   * A fleet on the Redis {@code redis} reaches (a single server, or a cluster through a
   * cluster-mode client), the provider cache on the same Redis unless the test names another.
   */
  PipelineFleet(DataSource dataSource, Path inbox, RedissonClient redis) {
    this.inbox = inbox;
    this.prefix = TestRedis.uniquePrefix("pipeline");
    this.fleet = new FleetContext(redis, new RedisKeys(prefix), new TaskCodec(), Clock.systemUTC());
    this.store = new JdbcDocumentStore(dataSource, Clock.systemUTC());
    this.submitter = new TaskSubmitter(fleet, FleetConfig.QueueSettings.defaults());
  }

  public PipelineFleet ocr(OcrEngine engine) {
    this.ocr = engine;
    return this;
  }

  PipelineFleet entities(EntityExtractor extractor) {
    this.entities = extractor;
    return this;
  }

  PipelineFleet structured(StructuredExtractor extractor) {
    this.structured = extractor;
    return this;
  }

  public PipelineFleet chunkChars(int chars) {
    this.chunkChars = chars;
    return this;
  }

  /** Starts the worker; {@code overrides} are its environment beyond the test defaults. */
  public PipelineFleet start(Map<String, String> overrides) {
    Map<String, String> variables = new HashMap<>();
    variables.put("DOCFLEET_KEY_PREFIX", prefix);
    variables.put("WORKER_ID", WORKER_ID);
    variables.put("WORKER_TASK_TYPES", "ocr,entities,structured");
    variables.put("WORKER_CONCURRENCY", "2");
    variables.put("CACHE_TIMEOUT", "5s");
    variables.put("DOCFLEET_FILE_ROOTS", inbox.toString());
    variables.put("DOCFLEET_MAX_DOCUMENT_BYTES", Integer.toString(1 << 20));
    variables.putAll(overrides);
    Env env = new Env(variables);
    FleetConfig config = FleetConfig.fromEnv(env);
    CacheSettings cacheSettings = CacheSettings.fromEnv(env);
    cache = ProviderCaches.open(cacheSettings, fleet, "pipeline-test");
    PipelineContext pipeline =
        new PipelineContext(
            fleet,
            store,
            DocumentSources.from(SourceSettings.fromEnv(env)),
            cache,
            submitter,
            engines.ocr(ocr),
            TextractJobSettings.defaults(),
            new TextChunker(chunkChars),
            engines.entities(entities),
            engines.structured(structured),
            config.queue().maxAttempts(),
            metrics.providers(),
            ProviderPrices.fromEnv(env, LocalDate.now(fleet.clock())),
            BudgetSettings.fromEnv(env));
    worker = new Worker(fleet, config, Pipeline.register(new HandlerRegistry(), pipeline), metrics);
    worker.start();
    return this;
  }

  RedissonClient redis() {
    return fleet.redis();
  }

  RedisKeys keys() {
    return fleet.keys();
  }

  ProviderCache cache() {
    return cache;
  }

  /** Writes a document into the inbox. */
  Path file(String name, byte[] content) throws IOException {
    return Files.write(inbox.resolve(name), content);
  }

  public void submitOcr(String taskId, String documentId, Path file) {
    submitOcr(taskId, documentId, file.toUri().toString());
  }

  void submitOcr(String taskId, String documentId, String source) {
    submitter.submit(ocrTask(taskId, documentId, source));
  }

  Task ocrTask(String taskId, String documentId, String source) {
    documents.add(documentId);
    return Task.of(
            taskId,
            Stage.OCR.taskType(),
            fleet
                .codec()
                .mapper()
                .createObjectNode()
                .put("source", source)
                .put("documentId", documentId))
        .withDocumentId(documentId);
  }

  /** A document submitted some other way, for {@link #assertNoDocumentIsStranded}. */
  void trackDocument(String documentId) {
    documents.add(documentId);
  }

  public Map<String, String> state(String documentId) {
    return fleet
        .redis()
        .<String, String>getMap(fleet.keys().documentState(documentId))
        .readAllMap();
  }

  public void awaitStatus(String documentId, String status) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(state(documentId)).as(documentId).containsEntry("status", status));
  }

  /** The task's record, whatever its type. */
  Map<String, String> assignment(String taskId) {
    return new TaskAssignments(fleet).read(taskId);
  }

  QueueStats queue(Stage stage) {
    return new QueueInspector(fleet).stats(stage.taskType());
  }

  /**
   * The guarantee that nothing is lost: every document of this fleet that PostgreSQL holds as
   * queued or processing has a task ready, delayed or in flight. The queues are read in one atomic
   * step on a single Redis (in one pipeline on a cluster, read again until it holds); a document
   * without a task is looked up again, since it may have finished in between.
   */
  public void assertNoDocumentIsStranded() {
    List<String> unfinished =
        store.documentQueries().unfinished(100_000).stream()
            .map(DocumentRecord::id)
            .filter(documents::contains)
            .toList();
    // On a cluster the queues live on several servers and cannot be read in one atomic step: a
    // task moving between two lists may be missed by one reading, never by every reading.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Set<String> withTask = documentsWithATask();
              List<String> stranded =
                  unfinished.stream()
                      .filter(id -> !withTask.contains(id))
                      .filter(id -> !store.documents().find(id).orElseThrow().status().isFinal())
                      .toList();
              assertThat(stranded)
                  .as(
                      "documents left queued or processing with no task ready, delayed or in flight")
                  .isEmpty();
            });
  }

  private Set<String> documentsWithATask() {
    List<String> workers =
        new ArrayList<>(fleet.redis().<String>getSet(fleet.keys().workersIndex()).readAll());
    workers.add(WORKER_ID);
    boolean cluster = fleet.redis().getConfig().isClusterConfig();
    RBatch batch =
        fleet
            .redis()
            .createBatch(
                BatchOptions.defaults()
                    .executionMode(
                        cluster
                            ? BatchOptions.ExecutionMode.IN_MEMORY
                            : BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC));
    for (Stage stage : Stage.values()) {
      String type = stage.taskType();
      batch.<String>getList(fleet.keys().ready(type), StringCodec.INSTANCE).readAllAsync();
      batch
          .<String>getScoredSortedSet(fleet.keys().delayed(type), StringCodec.INSTANCE)
          .readAllAsync();
      for (String id : workers) {
        batch.<String>getList(fleet.keys().inFlight(type, id), StringCodec.INSTANCE).readAllAsync();
      }
    }
    BatchResult<?> result = batch.execute();
    Set<String> ids = new LinkedHashSet<>();
    for (Object items : result.getResponses()) {
      for (Object item : (Iterable<?>) items) {
        try {
          Task task = fleet.codec().decode((String) item);
          ids.add(task.payload().path("documentId").asText(task.documentId()));
        } catch (MalformedTaskException e) {
          // not a task: it names no document
        }
      }
    }
    return ids;
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.drain();
      cache.close();
    }
    TestRedis.deleteKeys(fleet.redis(), prefix);
  }
}
