package io.docfleet.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.redisson.connection.CRC16;

class RedisKeysTest {
  private final RedisKeys keys = new RedisKeys("");

  @Test
  void buildsTheDocumentedNamesWithoutAPrefix() {
    assertThat(keys.ready("ocr")).isEqualTo("tasks:ocr");
    assertThat(keys.inFlight("ocr", "w1")).isEqualTo("{tasks:ocr}:inflight:w1");
    assertThat(keys.legacy().inFlight("ocr", "w1")).isEqualTo("{tasks:ocr}:processing:w1");
    assertThat(keys.delayed("ocr")).isEqualTo("{tasks:ocr}:delayed");
    assertThat(keys.dead("ocr")).isEqualTo("{tasks:ocr}:dead");
    assertThat(keys.stats("ocr")).isEqualTo("{tasks:ocr}:stats");
    assertThat(keys.paused("ocr")).isEqualTo("{tasks:ocr}:paused");
    assertThat(keys.idempotency("ocr", "k1")).isEqualTo("{tasks:ocr}:idempotency:k1");
    assertThat(keys.runs().lock("ocr", "t1")).isEqualTo("{tasks:ocr}:lock:t1");
    assertThat(keys.runs().lockChannel("ocr", "t1"))
        .isEqualTo("redisson_lock__channel:{tasks:ocr}:lock:t1");
    assertThat(keys.runs().assignments("ocr")).isEqualTo("{tasks:ocr}:assignments");
    assertThat(keys.runs().assignmentsExpiry("ocr")).isEqualTo("{tasks:ocr}:assignments:expiry");
    assertThat(keys.legacy().assignment("t1")).isEqualTo("task:assignments:t1");
    assertThat(keys.worker("w1")).isEqualTo("workers:w1");
    assertThat(keys.workersIndex()).isEqualTo("workers:index");
    assertThat(keys.queuesIndex()).isEqualTo("queues:index");
    assertThat(keys.reaperLock()).isEqualTo("reaper:lock");
    assertThat(keys.coordinatorLeader()).isEqualTo("coordinator:leader");
    assertThat(keys.documentEvents()).isEqualTo("events:documents");
    assertThat(keys.pendingDocument("d:1")).isEqualTo("pipeline:pending:d%3A1");
    assertThat(keys.ocrJobs().status("j1")).isEqualTo("job:textract:status:j1");
    assertThat(keys.ocrJobs().result("d1")).isEqualTo("job:textract:result:d1");
  }

  @Test
  void buildsTheDocumentedCacheNames() {
    String sha = "ab".repeat(32);
    assertThat(keys.cacheEntry("ocr", sha, "textract", "1", "v2"))
        .isEqualTo("cache:ocr:" + sha + ":textract:1:v2");
    assertThat(keys.cacheLock("ocr", sha, "textract", "1", "v2"))
        .isEqualTo("cache:lock:ocr:" + sha + ":textract:1:v2");
    assertThat(keys.cacheMetrics("entities")).isEqualTo("cache:metrics:entities");
    assertThat(keys.cacheMetricsTotal()).isEqualTo("cache:metrics:total");
    assertThat(keys.metrics().taskDuration("ocr")).isEqualTo("{metrics}:task_duration:ocr");
    assertThat(keys.metrics().providerCall("openai", "ft:x"))
        .isEqualTo("{metrics}:provider_call:openai:ft%3Ax");
    assertThat(keys.metrics().index()).isEqualTo("{metrics}:index");
    assertThat(new RedisKeys("p:").metrics().index()).isEqualTo("{p:metrics}:index");
    assertThat(keys.spend().day(LocalDate.of(2026, 12, 7))).isEqualTo("{spend}:day:2026-12-07");
    assertThat(keys.spend().month(YearMonth.of(2026, 12))).isEqualTo("{spend}:month:2026-12");
    assertThat(new RedisKeys("p:").spend().total()).isEqualTo("{p:spend}:total");
    assertThat(keys.documentPointer("ocr", "d1")).isEqualTo("doc:ocr:d1");
    assertThat(keys.chunkPointer("entities", "d1", "c7")).isEqualTo("doc:entities:d1:c7");
    assertThat(keys.chunkPointer("structured", "d1", "c7")).isEqualTo("doc:structured:d1:c7");
    assertThat(keys.documentIndex("d1")).isEqualTo("doc:index:d1");
    assertThat(keys.apiIdempotency("k:1")).isEqualTo("api:idempotency:k%3A1");
    assertThat(keys.rateLimit("openai", "chat")).isEqualTo("rate:openai:chat");
    assertThat(keys.pattern("cache:ocr:*")).isEqualTo("cache:ocr:*");
    assertThat(new RedisKeys("p:").pattern("doc:*")).isEqualTo("p:doc:*");
    assertThat(new RedisKeys("run[1]*:").pattern("doc:*")).isEqualTo("run\\[1\\]\\*:doc:*");
  }

  @Test
  void theProviderCacheOwnsItsEntriesPointersAndIndexesAndNothingElse() {
    assertThat(new RedisKeys("p:").providerCacheNamespaces(java.util.List.of("ocr", "entities")))
        .containsExactly(
            "p:cache:ocr:", "p:doc:ocr:", "p:cache:entities:", "p:doc:entities:", "p:doc:index:");
  }

  @Test
  void buildsTheDocumentedOcrJobNames() {
    assertThat(keys.ocrJobs().status("j-1")).isEqualTo("job:textract:status:j-1");
    assertThat(keys.ocrJobs().result("d1")).isEqualTo("job:textract:result:d1");
    assertThat(keys.ocrJobs().idempotency("d1")).isEqualTo("idempotent:ocr:d1");
    RedisKeys prefixed = new RedisKeys("p:");
    assertThat(prefixed.ocrJobs().status("j:1")).isEqualTo("p:job:textract:status:j%3A1");
    assertThat(prefixed.ocrJobs().result("d1")).isEqualTo("p:job:textract:result:d1");
    assertThat(prefixed.ocrJobs().idempotency("d1")).isEqualTo("p:idempotent:ocr:d1");
  }

  @Test
  void escapesWhatWouldSplitATagOrAPatternInCallersValues() {
    String sha = "ab".repeat(32);
    assertThat(keys.cacheEntry("structured", sha, "openai", "ft:gpt-4o:acme::1", "v 1"))
        .isEqualTo("cache:structured:" + sha + ":openai:ft%3Agpt-4o%3Aacme%3A%3A1:v%201");
    assertThat(keys.chunkPointer("entities", "a:b", "c"))
        .isNotEqualTo(keys.chunkPointer("entities", "a", "b:c"));
    assertThat(keys.documentIndex("{x}*?[y]\\%")).isEqualTo("doc:index:%7Bx%7D%2A%3F%5By%5D%5C%25");
    assertThat(keys.documentPointer("ocr", "tab\tnew\nline")).isEqualTo("doc:ocr:tab%09new%0Aline");
    assertThatThrownBy(() -> keys.documentIndex(""))
        .hasMessageContaining("a key segment needs a value");
  }

  @Test
  void putsThePrefixInFrontOfEveryNameAndInsideTheTag() {
    RedisKeys prefixed = new RedisKeys("p:");
    assertThat(prefixed.prefix()).isEqualTo("p:");
    assertThat(prefixed.ready("ocr")).isEqualTo("p:tasks:ocr");
    assertThat(prefixed.inFlight("ocr", "w1")).isEqualTo("{p:tasks:ocr}:inflight:w1");
    assertThat(prefixed.runs().lock("ocr", "t1")).isEqualTo("{p:tasks:ocr}:lock:t1");
    assertThat(prefixed.runs().assignments("ocr")).isEqualTo("{p:tasks:ocr}:assignments");
    assertThat(prefixed.legacy().assignment("t1")).isEqualTo("p:task:assignments:t1");
    assertThat(prefixed.worker("w1")).isEqualTo("p:workers:w1");
  }

  @Test
  void scansForPlainAndTaggedNamesWithTheGlobCharactersOfThePrefixEscaped() {
    assertThat(new RedisKeys("demo:1:").scanPatterns()).containsExactly("demo:1:*", "{demo:1:*");
    assertThat(new RedisKeys("a*b?[c]\\:").scanPatterns())
        .containsExactly("a\\*b\\?\\[c\\]\\\\:*", "{a\\*b\\?\\[c\\]\\\\:*");
  }

  @Test
  void everyKeyAQueueScriptTouchesLivesInTheReadyListsSlot() {
    for (RedisKeys k : new RedisKeys[] {keys, new RedisKeys("tenant-a:")}) {
      int slot = slot(k.ready("entities"));
      assertThat(slot(k.inFlight("entities", "host-1-abc"))).isEqualTo(slot);
      assertThat(slot(k.delayed("entities"))).isEqualTo(slot);
      assertThat(slot(k.dead("entities"))).isEqualTo(slot);
      assertThat(slot(k.stats("entities"))).isEqualTo(slot);
      assertThat(slot(k.paused("entities"))).isEqualTo(slot);
      assertThat(slot(k.idempotency("entities", "any-key"))).isEqualTo(slot);
      assertThat(slot(k.runs().lock("entities", "t:{1}"))).isEqualTo(slot);
      for (io.docfleet.task.Priority lane : io.docfleet.task.Priority.values()) {
        assertThat(slot(k.runs().lane("entities", lane))).isEqualTo(slot);
        assertThat(slot(k.runs().lanePaused("entities", lane))).isEqualTo(slot);
      }
      assertThat(slot(k.runs().laneTurns("entities"))).isEqualTo(slot);
      for (io.docfleet.task.Priority lane : io.docfleet.task.Priority.values()) {
        assertThat(slot(k.groups().ready("entities", "acme", lane))).isEqualTo(slot);
        assertThat(slot(k.groups().ring("entities", lane))).isEqualTo(slot);
      }
      assertThat(slot(k.groups().running("entities", "acme"))).isEqualTo(slot);
      assertThat(slot(k.groups().known("entities"))).isEqualTo(slot);
      assertThat(slot(k.groups().ringed("entities"))).isEqualTo(slot);
      assertThat(slot(k.groups().owed("entities"))).isEqualTo(slot);
      assertThat(slot(k.groups().limits("entities"))).isEqualTo(slot);
      assertThat(slot(k.runs().lockChannel("entities", "t1"))).isEqualTo(slot);
      assertThat(slot(k.runs().assignments("entities"))).isEqualTo(slot);
      assertThat(slot(k.runs().assignmentsExpiry("entities"))).isEqualTo(slot);
      assertThat(slot(k.legacy().inFlight("entities", "host-1-abc"))).isEqualTo(slot);
      assertThat(HashSlot.of(k.runs().lock("entities", "t1"))).isEqualTo(slot);
    }
  }

  @Test
  void aRunLocksChannelIsNamedAsRedissonNamesItInTheLocksSlot() {
    // the lock's name has the queue's hash tag: Redisson puts no second tag around it
    assertThat(keys.runs().lockChannel("ocr", "t1"))
        .isEqualTo("redisson_lock__channel:{tasks:ocr}:lock:t1");
    assertThat(slot(keys.runs().lockChannel("ocr", "t1")))
        .isEqualTo(slot(keys.runs().lock("ocr", "t1")));
    // a task id with a hash tag of its own: the queue's, first in the name, still decides
    assertThat(keys.runs().lockChannel("ocr", "a{b}"))
        .isEqualTo("redisson_lock__channel:{tasks:ocr}:lock:a{b}");
    assertThat(slot(keys.runs().lock("ocr", "a{b}"))).isEqualTo(slot(keys.ready("ocr")));
  }

  @Test
  void differentTypesUsuallyLandInDifferentSlots() {
    assertThat(slot(keys.ready("ocr"))).isNotEqualTo(slot(keys.ready("entities")));
  }

  /** The Redis Cluster slot of a key: CRC16 of the hash tag when there is one, mod 16384. */
  static int slot(String key) {
    int open = key.indexOf('{');
    if (open >= 0) {
      int close = key.indexOf('}', open + 1);
      if (close > open + 1) {
        key = key.substring(open + 1, close);
      }
    }
    return CRC16.crc16(key.getBytes(StandardCharsets.UTF_8)) % 16384;
  }

  @Test
  void everyFamilyMatchesTheNamesItsMethodBuildsAndNoOtherFamilyComesFirst() {
    String sha = "ab".repeat(32);
    for (RedisKeys k : new RedisKeys[] {keys, new RedisKeys("t*[1]:")}) {
      java.util.Map<String, String> examples = new java.util.LinkedHashMap<>();
      examples.put("ready", k.ready("ocr"));
      examples.put("inFlight", k.inFlight("ocr", "w-1"));
      examples.put("delayed", k.delayed("ocr"));
      examples.put("dead", k.dead("ocr"));
      examples.put("stats", k.stats("ocr"));
      examples.put("paused", k.paused("ocr"));
      examples.put("idempotency", k.idempotency("ocr", "k1"));
      examples.put("runLock", k.runs().lock("ocr", "t1"));
      examples.put("assignments", k.runs().assignments("ocr"));
      examples.put("assignmentsExpiry", k.runs().assignmentsExpiry("ocr"));
      examples.put("highLane", k.runs().lane("ocr", io.docfleet.task.Priority.HIGH));
      examples.put("lowLane", k.runs().lane("ocr", io.docfleet.task.Priority.LOW));
      examples.put("laneTurns", k.runs().laneTurns("ocr"));
      examples.put("lanePaused", k.runs().lanePaused("ocr", io.docfleet.task.Priority.NORMAL));
      examples.put("groupRunning", k.groups().running("ocr", "acme"));
      examples.put("groupReady", k.groups().ready("ocr", "acme", io.docfleet.task.Priority.HIGH));
      examples.put("groupRing", k.groups().ring("ocr", io.docfleet.task.Priority.LOW));
      examples.put("groupsRinged", k.groups().ringed("ocr"));
      examples.put("groupsOwed", k.groups().owed("ocr"));
      examples.put("groupLimits", k.groups().limits("ocr"));
      examples.put("groups", k.groups().known("ocr"));
      examples.put("groupConfigs", k.groups().configs());
      examples.put("legacyInFlight", k.legacy().inFlight("ocr", "w-1"));
      examples.put("legacyRunLock", k.legacy().lock("t1"));
      examples.put("legacyAssignment", k.legacy().assignment("t1"));
      examples.put("workersIndex", k.workersIndex());
      examples.put("worker", k.worker("w-1"));
      examples.put("queuesIndex", k.queuesIndex());
      examples.put("pendingDocument", k.pendingDocument("d:1"));
      examples.put("documentState", k.documentState("d1"));
      examples.put("documentIndex", k.documentIndex("d1"));
      examples.put("documentPointer", k.chunkPointer("entities", "d1", "c1"));
      examples.put("cacheLock", k.cacheLock("ocr", sha, "ft:gpt", "1", "v2"));
      examples.put("cacheMetrics", k.cacheMetricsTotal());
      examples.put("cacheEntry", k.cacheEntry("ocr", sha, "ft:gpt", "1", "v2"));
      examples.put("apiIdempotency", k.apiIdempotency("i-1"));
      examples.put("rateLimit", k.rateLimit("openai", "chat"));
      examples.put("ocrJobStatus", k.ocrJobs().status("j1"));
      examples.put("ocrJobResult", k.ocrJobs().result("d1"));
      examples.put("ocrJobIdempotency", k.ocrJobs().idempotency("d1"));
      examples.put("webhookDestinations", k.metrics().webhookDestinations());
      examples.put(
          "webhookDestination", k.metrics().webhookDestination("https://hooks.example:8443"));
      examples.put("taskDuration", k.metrics().taskDuration("ocr"));
      examples.put("providerCall", k.metrics().providerCall("openai", "chat"));
      examples.put("spendDay", k.spend().day(LocalDate.of(2026, 12, 7)));
      examples.put("spendMonth", k.spend().month(YearMonth.of(2026, 12)));
      examples.put("spendTotal", k.spend().total());
      examples.put("spendBudgets", k.spend().budgets());

      assertThat(k.families())
          .extracting(KeyFamily::name)
          .containsExactlyElementsOf(examples.keySet());
      examples.forEach(
          (name, key) ->
              assertThat(k.families().stream().filter(f -> f.matches(key)).findFirst())
                  .as(key)
                  .hasValueSatisfying(f -> assertThat(f.name()).isEqualTo(name)));
      assertThat(k.families()).noneMatch(f -> f.matches(k.coordinatorLeader()));
    }
    assertThat(keys.families().get(1).pattern()).isEqualTo("{tasks:*}:inflight:*");
    assertThat(new RedisKeys("t*:").families().get(0).pattern()).isEqualTo("t\\*:tasks:*");
  }
}
