package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.docfleet.cache.CacheInspector;
import io.docfleet.testing.LocalRedisCluster;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.docfleet.worker.testing.TestDocuments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The document pipeline with its queues, {@code doc:state} and provider cache on a three-primary
 * Redis Cluster (as with {@code REDIS_MODE=cluster}): every {@link PipelineTest} case, and a run
 * whose documents' keys are on every primary. No log line of any case may mention CROSSSLOT.
 */
@SlowTest
class PipelineOnClusterTest extends PipelineTest {
  private static final int DOCUMENTS_PER_PRIMARY = 3;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  static void needsACluster() {
    assumeTrue(LocalRedisCluster.available(), "redis-server and redis-cli are not installed");
  }

  @Override
  PipelineFleet fleet(Path inbox) {
    return new PipelineFleet(db.dataSource(), inbox, TestRedis.clusterClient());
  }

  @BeforeEach
  void captureLogs() {
    logs.start();
    root().addAppender(logs);
  }

  @AfterEach
  void noCrossSlotErrorWasLogged() {
    root().detachAppender(logs);
    List<String> crossSlot =
        logs.list.stream()
            .filter(PipelineOnClusterTest::mentionsCrossSlot)
            .map(e -> e.getFormattedMessage())
            .toList();
    assertThat(crossSlot).as("log lines mentioning CROSSSLOT").isEmpty();
  }

  @Test
  void documentsOnEveryPrimaryRunOnceAreAnsweredFromTheCacheAndInvalidatedEverywhere()
      throws Exception {
    LocalRedisCluster cluster = LocalRedisCluster.shared();
    pipeline.start(Map.of("CACHE_METRICS_INTERVAL", "1s"));
    List<String> first = documentsOnEveryPrimary(cluster, "r1-");
    List<String> second = documentsOnEveryPrimary(cluster, "r2-");
    for (int i = 0; i < first.size(); i++) {
      Path file = pipeline.file("contract-" + i + ".txt", TestDocuments.utf8(contract(i)));
      pipeline.submitOcr("t-" + first.get(i), first.get(i), file);
    }
    first.forEach(id -> pipeline.awaitStatus(id, "completed"));
    int documents = first.size();
    assertThat(pipeline.engines.ocrCalls).hasValue(documents);
    assertThat(pipeline.engines.entityCalls).hasValue(documents); // one chunk each
    assertThat(pipeline.engines.structuredCalls).hasValue(documents);

    // doc:state and the cache (entries, pointers, indexes) live on all three servers
    String prefix = pipeline.prefix;
    for (String pattern : List.of("doc:state:*", "doc:index:*", "doc:ocr:*", "cache:ocr:*")) {
      assertThat(cluster.keysByPrimary(prefix + pattern))
          .as(pattern + " by primary")
          .hasSize(3)
          .allSatisfy((port, keys) -> assertThat(keys).as("on " + port).isNotEmpty());
    }
    assertThat(cacheEntriesByPrimary(cluster, prefix))
        .allSatisfy((port, keys) -> assertThat(keys).as("entries on " + port).isNotEmpty());

    // the same content as new documents: not one engine call, every stage a cache hit
    for (int i = 0; i < second.size(); i++) {
      pipeline.submitOcr(
          "t-" + second.get(i), second.get(i), inbox.resolve("contract-" + i + ".txt"));
    }
    second.forEach(id -> pipeline.awaitStatus(id, "completed"));
    assertThat(pipeline.engines.ocrCalls).hasValue(documents);
    assertThat(pipeline.engines.entityCalls).hasValue(documents);
    assertThat(pipeline.engines.structuredCalls).hasValue(documents);
    for (String id : second) {
      assertThat(pipeline.state(id)).as(id).containsEntry("provider_calls", "0");
      assertThat(Long.parseLong(pipeline.state(id).get("cache_hits"))).as(id).isPositive();
    }
    CacheInspector inspector = new CacheInspector(pipeline.fleet);
    await().atMost(Duration.ofSeconds(30)).until(() -> inspector.total().hits() >= 3L * documents);
    assertThat(inspector.total().errors()).as("cache errors").isZero();
    assertThat(inspector.total().timeouts()).as("cache timeouts").isZero();

    // invalidating every document removes its keys from every primary
    for (String id : first) {
      assertThat(pipeline.cache().invalidate(id)).as(id).isPositive();
    }
    for (String id : second) {
      pipeline.cache().invalidate(id);
    }
    for (String pattern : List.of("doc:index:*", "doc:ocr:*", "doc:entities:*", "cache:ocr:*")) {
      assertThat(cluster.keysByPrimary(prefix + pattern))
          .as(pattern + " by primary after invalidation")
          .allSatisfy((port, keys) -> assertThat(keys).as("on " + port).isEmpty());
    }
    assertThat(cacheEntriesByPrimary(cluster, prefix))
        .allSatisfy((port, keys) -> assertThat(keys).as("entries on " + port).isEmpty());
    pipeline.submitOcr("t-again", "again", inbox.resolve("contract-0.txt"));
    pipeline.awaitStatus("again", "completed");
    assertThat(pipeline.engines.ocrCalls).hasValue(documents + 1);
  }

  /**
   * Document ids whose doc:state keys fall on each primary {@value #DOCUMENTS_PER_PRIMARY} times.
   */
  private List<String> documentsOnEveryPrimary(LocalRedisCluster cluster, String name) {
    Map<Integer, Integer> placed = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (int n = 0; ids.size() < 3 * DOCUMENTS_PER_PRIMARY; n++) {
      String id = name + n;
      int port = cluster.primaryOf(pipeline.keys().documentState(id));
      if (placed.merge(port, 1, Integer::sum) <= DOCUMENTS_PER_PRIMARY) {
        ids.add(id);
      }
    }
    return ids;
  }

  /** The cache entries of all three types on each primary. */
  private static Map<Integer, List<String>> cacheEntriesByPrimary(
      LocalRedisCluster cluster, String prefix) {
    Map<Integer, List<String>> entries = new HashMap<>();
    for (String type : List.of("ocr", "entities", "structured")) {
      cluster
          .keysByPrimary(prefix + "cache:" + type + ":*")
          .forEach(
              (port, keys) -> entries.computeIfAbsent(port, p -> new ArrayList<>()).addAll(keys));
    }
    return entries;
  }

  private static String contract(int n) {
    return "SERVICES AGREEMENT No. "
        + (100 + n)
        + " between Acme Holdings, Inc. and Northwind Logistics LLC, made on March "
        + (n + 1)
        + ", 2025. The fee is $"
        + (n + 1)
        + ",250.00 payable to billing@acme.example.";
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static boolean mentionsCrossSlot(ILoggingEvent event) {
    if (String.valueOf(event.getFormattedMessage()).contains("CROSSSLOT")) {
      return true;
    }
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains("CROSSSLOT")) {
        return true;
      }
    }
    return false;
  }
}
