package io.docfleet.testing;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.PrefixKeys;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import java.time.Clock;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.redisson.api.RedissonClient;

/**
 * A test class's Redis and key prefix, as {@link TestDatabase} gives it a schema: each test gets a
 * prefix no other test uses ({@code test:<name>:<random>:}), set before its test instance is made
 * (so field initializers may use it), and the prefix's keys are deleted after it; a prefix used in
 * {@code @BeforeAll} is the class's own and deleted after the last test.
 *
 * <pre>{@code @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("queue");
 * private final FleetContext fleet = redis.context(clock);}</pre>
 */
public final class TestRedisPrefix
    implements BeforeAllCallback,
        TestInstancePreConstructCallback,
        AfterEachCallback,
        AfterAllCallback {
  private final String name;
  private final Supplier<RedissonClient> connect;
  private RedissonClient client;
  private String classPrefix;
  private String prefix;

  TestRedisPrefix(String name, Supplier<RedissonClient> connect) {
    this.name = name;
    this.connect = connect;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    classPrefix = TestRedis.uniquePrefix(name);
    prefix = classPrefix;
  }

  @Override
  public void preConstructTestInstance(
      TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    prefix = TestRedis.uniquePrefix(name);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    deleteKeys();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (client != null) { // connected on first use: a class skipped in @BeforeAll starts no cluster
      PrefixKeys.deleteAll(client, new RedisKeys(classPrefix));
    }
  }

  /** The key prefix of the running test (of the class, in {@code @BeforeAll}). */
  public String prefix() {
    return prefix;
  }

  public RedisKeys keys() {
    return new RedisKeys(prefix);
  }

  /** The shared client of this Redis (single server or cluster); tests do not shut it down. */
  public RedissonClient client() {
    if (client == null) {
      client = connect.get();
    }
    return client;
  }

  /** A fleet context on this Redis under the running test's prefix. */
  public FleetContext context(Clock clock) {
    return new FleetContext(client(), keys(), new TaskCodec(), clock);
  }

  /** Removes every key of the running test's prefix now; returns how many. */
  public long deleteKeys() {
    return PrefixKeys.deleteAll(client(), keys());
  }
}
