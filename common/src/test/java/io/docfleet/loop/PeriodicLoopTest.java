package io.docfleet.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A loop's failing pass is caught, counted and logged once per change from working to failing and
 * back; the loop carries on, and closing it stops it. Tests step passes with {@code runOnce}, and
 * run the thread only where the thread is the point.
 */
class PeriodicLoopTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(PeriodicLoop.class);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<PeriodicLoop> loops = new ArrayList<>();
  private Level level;

  @BeforeEach
  void captureLogs() {
    level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    loops.forEach(PeriodicLoop::close);
    logger.detachAppender(logs);
    logger.setLevel(level);
  }

  private PeriodicLoop loop(LoopBuilder builder, Runnable body) {
    PeriodicLoop loop = builder.build(body);
    loops.add(loop);
    return loop;
  }

  /** A body that fails while {@code failing} is set. */
  private static Runnable failingWhile(AtomicInteger failing) {
    return () -> {
      if (failing.get() > 0) {
        throw new IllegalStateException("Redis is away");
      }
    };
  }

  private List<ILoggingEvent> at(Level wanted) {
    return logs.list.stream().filter(e -> e.getLevel() == wanted).toList();
  }

  @Test
  void aFailingPassIsLoggedOnceWhenTheLoopStartsFailingAndOnceWhenItWorksAgain() {
    AtomicInteger failing = new AtomicInteger();
    PeriodicLoop loop =
        loop(
            PeriodicLoop.named("reaper")
                .describedAs("reaper of worker w1")
                .every(Duration.ofSeconds(5))
                .whileFailing("dead workers keep their tasks"),
            failingWhile(failing));

    assertThat(loop.runOnce()).isTrue();
    failing.set(1);
    assertThat(loop.runOnce()).isFalse();
    assertThat(loop.runOnce()).isFalse();
    assertThat(loop.runOnce()).isFalse();
    failing.set(0);
    assertThat(loop.runOnce()).isTrue();
    assertThat(loop.runOnce()).isTrue();
    failing.set(1);
    assertThat(loop.runOnce()).isFalse();

    List<ILoggingEvent> warnings = at(Level.WARN);
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0).getFormattedMessage())
        .isEqualTo(
            "reaper of worker w1 failed, trying again every 5000 ms; dead workers keep their tasks");
    assertThat(warnings.get(0).getThrowableProxy().getMessage()).isEqualTo("Redis is away");
    assertThat(at(Level.INFO))
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("reaper of worker w1 works again after 3 failed passes");
    assertThat(at(Level.DEBUG)).hasSize(2);
  }

  @Test
  void theMetricCountsEveryFailedPassByLoop() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicInteger failing = new AtomicInteger(1);
    PeriodicLoop loop =
        loop(PeriodicLoop.named("heartbeat").every(Duration.ofSeconds(5)), failingWhile(failing));
    loop.bindTo(registry);
    assertThat(registry.get(PeriodicLoop.FAILURES).tag("loop", "heartbeat").counter().count())
        .as("present before any failure, so a rate starts at zero")
        .isZero();

    loop.runOnce();
    loop.runOnce();
    failing.set(0);
    loop.runOnce();
    failing.set(1);
    loop.runOnce();

    assertThat(registry.get(PeriodicLoop.FAILURES).tag("loop", "heartbeat").counter().count())
        .isEqualTo(3);
  }

  @Test
  void aFailingPassNeverEndsTheLoopNotEvenWithAnError() {
    AtomicInteger passes = new AtomicInteger();
    PeriodicLoop loop =
        loop(
            PeriodicLoop.named("promoter").every(Duration.ofMillis(1)),
            () -> {
              int pass = passes.incrementAndGet();
              if (pass == 1) {
                throw new IllegalStateException("first pass fails");
              }
              if (pass == 2) {
                throw new AssertionError("an Error in the second");
              }
            });

    loop.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 4);
    assertThat(at(Level.WARN)).hasSize(1);
    assertThat(at(Level.INFO))
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("promoter works again after 2 failed passes");
  }

  @Test
  void closeStopsThePassesEndsTheThreadAndMayBeCalledAgain() throws InterruptedException {
    AtomicInteger passes = new AtomicInteger();
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    PeriodicLoop loop =
        loop(
            PeriodicLoop.named("orphan-sweep").every(Duration.ofMillis(1)),
            () -> {
              ranOn.set(Thread.currentThread());
              passes.incrementAndGet();
            });
    loop.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 2);

    loop.close();
    int afterClose = passes.get();
    loop.close();
    loop.start(); // a closed loop does not start again

    assertThat(ranOn.get().getName()).isEqualTo("orphan-sweep");
    assertThat(ranOn.get().isDaemon()).isTrue();
    ranOn.get().join(Duration.ofSeconds(10).toMillis()); // it ends just after close saw it idle
    assertThat(ranOn.get().isAlive()).as("the loop's only thread ended").isFalse();
    assertThat(passes.get()).isEqualTo(afterClose);
  }

  @Test
  void closeLetsAPassUnderWayFinish() throws Exception {
    CountDownLatch inPass = new CountDownLatch(1);
    AtomicReference<Thread> closer = new AtomicReference<>();
    AtomicInteger finished = new AtomicInteger();
    PeriodicLoop loop =
        loop(
            PeriodicLoop.named("heartbeat")
                .every(Duration.ofHours(1))
                .firstPassAfter(Duration.ZERO)
                .closeWait(Duration.ofSeconds(30)),
            () -> {
              inPass.countDown();
              // the pass ends only once close waits for it
              await()
                  .atMost(Duration.ofSeconds(30))
                  .until(
                      () ->
                          closer.get() != null
                              && closer.get().getState() == Thread.State.TIMED_WAITING);
              finished.incrementAndGet();
            });
    loop.start();
    assertThat(inPass.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Integer> finishedWhenClosed = new CompletableFuture<>();
    closer.set(
        new Thread(
            () -> {
              loop.close();
              finishedWhenClosed.complete(finished.get());
            }));
    closer.get().start();

    assertThat(finishedWhenClosed.get(60, TimeUnit.SECONDS)).isEqualTo(1);
  }

  @Test
  void aLoopAlongsideRunsOnTheSameThreadAndTasksRunThereBetweenPasses() {
    List<String> threads = new CopyOnWriteArrayList<>();
    PeriodicLoop feed =
        loop(
            PeriodicLoop.named("dashboard-feed").every(Duration.ofHours(1)),
            () -> threads.add("feed on " + Thread.currentThread().getName()));
    PeriodicLoop pings =
        feed.alongside(
            "dashboard-ping",
            Duration.ofMillis(1),
            () -> threads.add("ping on " + Thread.currentThread().getName()));
    pings.start();
    CompletableFuture<Void> done = new CompletableFuture<>();
    feed.execute(
        () -> {
          feed.runOnce();
          done.complete(null);
        });
    feed.execute(
        () -> {
          throw new IllegalStateException("a failing task is logged, the loop carries on");
        });

    done.join();
    await().atMost(Duration.ofSeconds(10)).until(() -> threads.contains("ping on dashboard-feed"));
    assertThat(threads).contains("feed on dashboard-feed");
    feed.close();
    assertThat(at(Level.WARN))
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains("a task on the thread of dashboard-feed failed");
  }
}
