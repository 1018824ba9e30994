package io.docfleet.cache;

import static io.docfleet.cache.CacheFixtures.ocrKeyOf;
import static io.docfleet.cache.CacheFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

/** Many workers need the same missing entry at once: one pays for it, the others wait for it. */
class SingleFlightTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("cache-flight");

  private static final int CALLERS = 50;
  private static final int PROCESSES = 5;

  private final String prefix = redis.prefix();
  private final List<RedissonClient> processes = new ArrayList<>();
  private final List<RedisProviderCache> caches = new ArrayList<>();
  private ExecutorService pool;

  @BeforeEach
  void setUp() {
    pool = Executors.newFixedThreadPool(CALLERS);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    caches.forEach(RedisProviderCache::close);
    processes.forEach(RedissonClient::shutdown);
  }

  /** A cache as one worker JVM has it: its own Redis client. */
  private RedisProviderCache aWorkerProcess(CacheSettings settings) {
    RedissonClient client = TestRedis.connect(TestRedis.url());
    processes.add(client);
    FleetContext fleet =
        new FleetContext(client, new RedisKeys(prefix), new TaskCodec(), Clock.systemUTC());
    RedisProviderCache cache = new RedisProviderCache(fleet, settings);
    caches.add(cache);
    return cache;
  }

  @Test
  void fiftyCallersOnOneMissingKeyComputeItOnce() throws Exception {
    for (int i = 0; i < PROCESSES; i++) {
      aWorkerProcess(CacheFixtures.settings());
    }
    AtomicInteger providerCalls = new AtomicInteger();
    CyclicBarrier together = new CyclicBarrier(CALLERS);
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      RedisProviderCache cache = caches.get(i % PROCESSES);
      String documentId = "d" + i;
      answers.add(
          pool.submit(
              () -> {
                together.await(30, TimeUnit.SECONDS);
                return cache.getOrCompute(
                    ocrKeyOf("the same scan"),
                    CachePointer.document(documentId),
                    () -> {
                      providerCalls.incrementAndGet();
                      Thread.sleep(300); // a slow provider, so that the others arrive meanwhile
                      return "{\"text\":\"paid once\"}";
                    });
              }));
    }

    for (Future<String> answer : answers) {
      assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo("{\"text\":\"paid once\"}");
    }
    assertThat(providerCalls).hasValue(1);
    caches.forEach(RedisProviderCache::flushMetrics);
    CacheMetricsSnapshot total = new CacheInspector(redis.context(Clock.systemUTC())).total();
    assertThat(total.misses()).isEqualTo(1);
    assertThat(total.hits()).isEqualTo(CALLERS - 1);
  }

  @Test
  void aWaiterWhoseWaitRunsOutComputesItself() throws Exception {
    RedisProviderCache first = aWorkerProcess(settings("CACHE_LOCK_WAIT", "200ms"));
    RedisProviderCache second = aWorkerProcess(settings("CACHE_LOCK_WAIT", "200ms"));
    CountDownLatch leaderComputing = new CountDownLatch(1);
    CountDownLatch leaderMayFinish = new CountDownLatch(1);
    Future<String> leader =
        pool.submit(
            () ->
                first.getOrCompute(
                    ocrKeyOf("slow scan"),
                    CachePointer.document("d1"),
                    () -> {
                      leaderComputing.countDown();
                      leaderMayFinish.await(30, TimeUnit.SECONDS);
                      return "leader";
                    }));
    assertThat(leaderComputing.await(30, TimeUnit.SECONDS)).isTrue();

    String waiter =
        second.getOrCompute(ocrKeyOf("slow scan"), CachePointer.document("d2"), () -> "waiter");
    leaderMayFinish.countDown();

    assertThat(waiter).isEqualTo("waiter");
    assertThat(leader.get(30, TimeUnit.SECONDS)).isEqualTo("leader");
    second.flushMetrics();
    FleetContext fleet = redis.context(new SettableClock());
    assertThat(new CacheInspector(fleet).metrics(CacheType.OCR).lockTimeouts()).isEqualTo(1);
  }
}
