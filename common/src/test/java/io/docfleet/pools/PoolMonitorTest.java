package io.docfleet.pools;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One WARN when a pool passes 80% of its maximum, one INFO when it is calm again, a stats line. */
class PoolMonitorTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(PoolMonitor.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final SettablePool redis = new SettablePool("Redis", "queue", "REDIS_POOL_SIZE", 10);
  private final SettablePool postgres =
      new SettablePool("PostgreSQL", "docfleet-worker", "DATABASE_POOL_SIZE", 4);
  private final PoolMonitor monitor =
      new PoolMonitor(List.of(redis, postgres), Duration.ofMinutes(5));

  @BeforeEach
  void listen() {
    events.start();
    logger.addAppender(events);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(events);
    monitor.close();
  }

  private List<String> at(Level level) {
    return events.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void aPoolPassingEightyPercentIsLoggedOncePerCrossing() {
    redis.inUse(8);
    monitor.check();
    assertThat(at(Level.WARN)).isEmpty(); // 80% is not past it

    redis.inUse(9);
    monitor.check();
    monitor.check();
    redis.inUse(10);
    monitor.check();
    assertThat(at(Level.WARN))
        .singleElement()
        .asString()
        .contains("Redis queue pool passed 80% of its maximum")
        .contains("9 of 10 in use")
        .contains("raise REDIS_POOL_SIZE");

    redis.inUse(8);
    monitor.check();
    assertThat(at(Level.INFO)).as("still above the calm mark").isEmpty();
    redis.inUse(7);
    monitor.check();
    monitor.check();
    assertThat(at(Level.INFO)).singleElement().asString().contains("back under 70%");

    redis.inUse(9);
    monitor.check();
    assertThat(at(Level.WARN)).hasSize(2);
  }

  @Test
  void eachPoolCrossesOnItsOwn() {
    postgres.inUse(4);
    monitor.check();
    assertThat(at(Level.WARN))
        .singleElement()
        .asString()
        .contains("PostgreSQL docfleet-worker")
        .contains("raise DATABASE_POOL_SIZE");
  }

  @Test
  void theStatisticsLineNamesEveryPool() {
    redis.inUse(3);
    monitor.logStatistics();
    assertThat(at(Level.INFO))
        .singleElement()
        .asString()
        .startsWith(
            "connection pools: Redis queue: 3 of 10 in use (30%), 7 idle, 10 open, 0 pending;")
        .contains("PostgreSQL docfleet-worker: 0 of 4 in use");
  }

  /** A pool whose use the test sets. */
  private static final class SettablePool implements ConnectionPool {
    private final String kind;
    private final String name;
    private final String variable;
    private final int max;
    private volatile int active;

    SettablePool(String kind, String name, String variable, int max) {
      this.kind = kind;
      this.name = name;
      this.variable = variable;
      this.max = max;
    }

    void inUse(int connections) {
      active = connections;
    }

    @Override
    public PoolUse use() {
      return new PoolUse(kind, name, variable, max, active, max - active, max, 0);
    }

    @Override
    public void bindTo(MeterRegistry registry) {}
  }
}
