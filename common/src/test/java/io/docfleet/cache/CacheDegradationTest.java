package io.docfleet.cache;

import static io.docfleet.cache.CacheFixtures.ocrKeyOf;
import static io.docfleet.cache.CacheFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.cache.CacheFixtures.ProviderCall;
import io.docfleet.localservers.LocalRedis;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * A cache Redis that dies or stalls costs callers time, never their results; its breaker's meters
 * say so.
 */
@SlowTest
class CacheDegradationTest {
  private final SettableClock clock = new SettableClock();
  private LocalRedis server;
  private RedissonClient client;
  private FleetContext fleet;
  private RedisProviderCache cache;

  @BeforeEach
  void setUp() {
    server = LocalRedis.startPrivate();
    client = TestRedis.connect(server.url());
    fleet = new FleetContext(client, new RedisKeys(""), new TaskCodec(), clock);
    cache = new RedisProviderCache(fleet, settings("CACHE_TIMEOUT", "200ms"));
  }

  @AfterEach
  void tearDown() {
    cache.close();
    client.shutdown();
    server.stop(true);
  }

  private String scan(int i) throws Exception {
    return cache.getOrCompute(ocrKeyOf("scan " + i), CachePointer.document("d" + i), () -> "r" + i);
  }

  @Test
  void callsKeepReturningComputedValuesWhenTheCacheIsKilledMidway() throws Exception {
    ExecutorService caller = Executors.newSingleThreadExecutor();
    CountDownLatch twentyDone = new CountDownLatch(20);
    try {
      Future<List<String>> answers =
          caller.submit(
              () -> {
                List<String> got = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                  got.add(scan(i % 40));
                  twentyDone.countDown();
                }
                return got;
              });
      assertThat(twentyDone.await(60, TimeUnit.SECONDS)).isTrue();
      server.stop(true);

      List<String> got = answers.get(120, TimeUnit.SECONDS);
      for (int i = 0; i < 200; i++) {
        assertThat(got.get(i)).isEqualTo("r" + (i % 40));
      }
    } finally {
      caller.shutdownNow();
    }
    assertThat(
            cache.putAll(List.of(new CacheEntry(ocrKeyOf("x"), CachePointer.document("x"), "x"))))
        .isFalse();
    assertThat(cache.getAll(List.of(new CacheLookup(ocrKeyOf("x"), CachePointer.document("x")))))
        .isEmpty();
    assertThat(cache.existing(List.of(ocrKeyOf("x")))).isEmpty();
    assertThat(cache.flushMetrics()).isFalse();
  }

  @Test
  void theCacheIsUsedAgainOnceRedisIsBack() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    cache.bindTo(meters);
    ProviderCall textract = new ProviderCall("ocr");
    cache.getOrCompute(ocrKeyOf("before"), CachePointer.document("d1"), textract);
    server.stop(true);
    for (int i = 0; i < CacheBreaker.FAILURES_TO_OPEN + 2; i++) {
      cache.getOrCompute(ocrKeyOf("before"), CachePointer.document("d1"), textract);
    }
    assertThat(textract.calls()).isEqualTo(1 + CacheBreaker.FAILURES_TO_OPEN + 2);
    assertThat(meters.get("docfleet.cache.breaker.open").gauge().value()).isEqualTo(1);
    assertThat(meters.get("docfleet.cache.breaker.openings").functionCounter().count())
        .isGreaterThanOrEqualTo(1);

    server.start();
    clock.advance(CacheBreaker.OPEN_FOR);
    ProviderCall after = new ProviderCall("after");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              clock.advance(CacheBreaker.OPEN_FOR);
              int before = after.calls();
              cache.getOrCompute(ocrKeyOf("after"), CachePointer.document("d2"), after);
              return after.calls() == before;
            });
    assertThat(meters.get("docfleet.cache.breaker.open").gauge().value()).isZero();
    assertThat(cache.flushMetrics()).isTrue();
    CacheMetricsSnapshot ocr = new CacheInspector(fleet).metrics(CacheType.OCR);
    assertThat(ocr.errors() + ocr.timeouts()).isGreaterThanOrEqualTo(CacheBreaker.FAILURES_TO_OPEN);
    assertThat(ocr.hits()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aCallThatExceedsTheTimeoutCountsAsAMissAndATimeout() throws Exception {
    cache.getOrCompute(ocrKeyOf("cached"), CachePointer.document("d1"), () -> "cached");
    pause(server, Duration.ofSeconds(2));

    String answer =
        cache.getOrCompute(ocrKeyOf("cached"), CachePointer.document("d1"), () -> "computed");

    assertThat(answer).isEqualTo("computed");
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(cache::flushMetrics);
    CacheMetricsSnapshot ocr = new CacheInspector(fleet).metrics(CacheType.OCR);
    assertThat(ocr.timeouts()).isGreaterThanOrEqualTo(1);
    assertThat(ocr.misses()).isEqualTo(2);
    assertThat(ocr.hits()).isZero();
  }

  /** Makes the server hold every client's commands for a while (CLIENT PAUSE ... ALL). */
  private static void pause(LocalRedis server, Duration howLong) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("CLIENT PAUSE " + howLong.toMillis() + " ALL\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] reply = new byte[16];
      int n = socket.getInputStream().read(reply);
      assertThat(new String(reply, 0, n, StandardCharsets.US_ASCII)).startsWith("+OK");
    }
  }
}
