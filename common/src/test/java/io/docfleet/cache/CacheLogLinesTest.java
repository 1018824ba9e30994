package io.docfleet.cache;

import static io.docfleet.cache.CacheFixtures.ocrKeyOf;
import static io.docfleet.cache.CacheFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.docfleet.redis.FleetContext;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;
import org.slf4j.LoggerFactory;

/**
 * What the cache tells its log: an invalidation (of a document or a pattern) at INFO with its
 * counts, each hit and miss at DEBUG, an entry that cannot be read at WARN.
 */
class CacheLogLinesTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("cache-logs");
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private final Logger cacheLogs = (Logger) LoggerFactory.getLogger("io.docfleet.cache");
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Level level;
  private FleetContext fleet;
  private RedisProviderCache cache;

  @BeforeEach
  void setUp() {
    level = cacheLogs.getLevel();
    cacheLogs.setLevel(Level.DEBUG);
    logs.start();
    cacheLogs.addAppender(logs);
    fleet = redis.context(new SettableClock());
    cache = new RedisProviderCache(fleet, settings());
  }

  @AfterEach
  void tearDown() {
    cache.close();
    cacheLogs.detachAppender(logs);
    cacheLogs.setLevel(level);
  }

  private List<String> lines(Level at) {
    return logs.list.stream()
        .filter(e -> e.getLevel() == at)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void hitsAndMissesAreLoggedAtDebug() throws Exception {
    String sha = ocrKeyOf("scan").sha256().substring(0, 12);

    cache.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), () -> "[]");
    cache.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d2"), () -> "[]");

    assertThat(lines(Level.DEBUG))
        .containsExactly(
            "cache miss: ocr " + sha + " (textract 2018-06-27) for document d1",
            "cache hit: ocr " + sha + " (textract 2018-06-27) for document d2");
    assertThat(lines(Level.INFO)).isEmpty();
  }

  @Test
  void anEntryThatCannotBeReadIsLoggedOnceAtWarnWithItsTypeAndHashButNotItsValue()
      throws Exception {
    ContentKey key = ocrKeyOf("scan");
    String entry = new CacheNames(fleet.keys()).entry(key);
    fleet.redis().getBucket(entry, StringCodec.INSTANCE).set("Privileged: settlement of $90,000");

    cache.getOrCompute(
        key,
        CachePointer.document("d1"),
        () -> "[]",
        value -> fleet.codec().mapper().readTree(value));

    assertThat(lines(Level.WARN))
        .containsExactly(
            "cache entry ocr "
                + key.sha256()
                + " (textract 2018-06-27) cannot be read (JsonParseException): counted as a miss;"
                + " the provider is called and the entry written again");
  }

  @Test
  void invalidationsAreLoggedAtInfoWithTheirCounts() throws Exception {
    cache.getOrCompute(ocrKeyOf("scan"), CachePointer.document("d1"), () -> "[]");
    cache.getOrCompute(ocrKeyOf("other"), CachePointer.document("d2"), () -> "[]");
    fleet.redis().getMap(fleet.keys().documentState("d2")).put("status", "completed");
    JdbcDocumentStore store = new JdbcDocumentStore(db.dataSource(), Clock.systemUTC());

    new DocumentInvalidation(fleet, cache, store.textractJobs())
        .invalidate("d1", "its content changed");
    new CacheJanitor(fleet).invalidateMatching("doc:*");

    assertThat(lines(Level.INFO))
        .containsExactly(
            "invalidated document d1 (its content changed): 3 cache keys and 0 OCR job keys"
                + " removed, 0 Textract jobs forgotten",
            "invalidated the cache keys matching doc:*: 2 removed, 1 matching keys that are not"
                + " cache left alone");
  }
}
