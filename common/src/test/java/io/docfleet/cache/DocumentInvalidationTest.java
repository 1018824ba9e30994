package io.docfleet.cache;

import static io.docfleet.cache.CacheFixtures.keysUnder;
import static io.docfleet.cache.CacheFixtures.ocrKeyOf;
import static io.docfleet.cache.CacheFixtures.settings;
import static io.docfleet.testing.TestDocuments.aDocument;
import static io.docfleet.testing.TestDocuments.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.OcrJobKeys;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.store.TextractJob;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Forgetting a document: its cache keys, the Redis records of its Textract job and the job's row
 * (marked forgotten), on the real Redis and PostgreSQL; other documents keep theirs.
 */
class DocumentInvalidationTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("forget");
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final String CONTENT = sha256("the brief's bytes");

  private FleetContext fleet;
  private OcrJobKeys jobKeys;
  private JdbcDocumentStore store;
  private RedisProviderCache cache;
  private DocumentInvalidation invalidation;

  @BeforeEach
  void setUp() {
    db.clear();
    fleet = redis.context(new SettableClock());
    jobKeys = fleet.keys().ocrJobs();
    store = new JdbcDocumentStore(db.dataSource(), Clock.systemUTC());
    cache = new RedisProviderCache(fleet, settings());
    invalidation = new DocumentInvalidation(fleet, cache, store.textractJobs());
  }

  @AfterEach
  void tearDown() {
    cache.close();
  }

  /** A document whose Textract job {@code jobId} succeeded, as the OCR stage leaves it. */
  private void aDocumentWhoseJobSucceeded(String documentId, String jobId) throws Exception {
    store.documents().register(aDocument(documentId));
    store.textractJobs().save(TextractJob.started(jobId, documentId, CONTENT, CONTENT));
    fleet.redis().getBucket(jobKeys.idempotency(documentId)).set(jobId);
    fleet.redis().getBucket(jobKeys.result(documentId)).set("[{\"page\":1}]");
    fleet.redis().getMap(jobKeys.status(jobId)).put("status", "succeeded");
    cache.getOrCompute(
        ocrKeyOf(documentId + " bytes"), CachePointer.document(documentId), () -> "[]");
  }

  @Test
  void invalidatingADocumentForgetsItsCacheKeysAndItsOcrJob() throws Exception {
    aDocumentWhoseJobSucceeded("d1", "job-1");
    aDocumentWhoseJobSucceeded("d2", "job-2");

    DocumentInvalidation.Forgotten forgotten = invalidation.invalidate("d1", "the test asks");

    assertThat(forgotten.cacheKeys()).isEqualTo(3); // entry, pointer, index
    assertThat(forgotten.ocrJobKeys()).isEqualTo(3);
    assertThat(forgotten.keys()).isEqualTo(6);
    assertThat(forgotten.ocrJobs()).isOne();
    assertThat(store.textractJobs().forgottenJobsOf(CONTENT)).isOne();
    assertThat(keysUnder(fleet.redis(), redis.prefix()))
        .containsExactlyInAnyOrder(
            jobKeys.idempotency("d2"),
            jobKeys.result("d2"),
            jobKeys.status("job-2"),
            fleet
                .keys()
                .cacheEntry("ocr", ocrKeyOf("d2 bytes").sha256(), "textract", "2018-06-27", "v1"),
            fleet.keys().documentPointer("ocr", "d2"),
            fleet.keys().documentIndex("d2"));
    assertThat(invalidation.invalidate("d1", "again").keys()).isZero();
  }

  @Test
  void forgettingOnlyTheOcrJobKeepsTheCache() throws Exception {
    aDocumentWhoseJobSucceeded("d1", "job-1");

    DocumentInvalidation.Forgotten forgotten = invalidation.forgetOcrJob("d1", "reprocessed");

    assertThat(forgotten.cacheKeys()).isZero();
    assertThat(forgotten.ocrJobKeys()).isEqualTo(3);
    assertThat(keysUnder(fleet.redis(), redis.prefix()))
        .hasSize(3)
        .doesNotContain(jobKeys.idempotency("d1"), jobKeys.result("d1"), jobKeys.status("job-1"));
  }

  @Test
  void aStartUnderWayHasNoJobToForgetButLosesItsClaim() {
    store.documents().register(aDocument("d1"));
    fleet.redis().getBucket(jobKeys.idempotency("d1")).set("starting:0a1b");

    DocumentInvalidation.Forgotten forgotten = invalidation.forgetOcrJob("d1", "reprocessed");

    assertThat(forgotten.ocrJobKeys()).isOne();
    assertThat(forgotten.ocrJobs()).isZero();
    assertThat(keysUnder(fleet.redis(), redis.prefix())).isEmpty();
  }
}
