package io.docfleet.redis;

import io.docfleet.config.RedisSettings;
import io.netty.util.ResourceLeakDetector;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.BaseConfig;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;

/**
 * Builds the Redisson client from {@link RedisSettings}: single server, sentinel or cluster, TLS,
 * credentials, the connection pool to each primary ({@code REDIS_POOL_SIZE}, {@code
 * REDIS_POOL_MIN_IDLE}, {@code REDIS_POOL_IDLE_TIMEOUT}, the same in every mode), and a client name
 * so {@code CLIENT LIST} attributes every connection to its fleet member. Values are plain strings
 * (never Redisson's default Kryo codec), so tasks stay readable to any other client.
 */
public final class RedisConnector {
  /** The system property that sets Netty's leak detection level; ours applies when it is unset. */
  static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

  private RedisConnector() {}

  /** A Redisson configuration for these settings, with connections named {@code clientName}. */
  public static Config config(RedisSettings settings, String clientName) {
    leaveLeakDetectionOff();
    Config config = new Config();
    config.setCodec(StringCodec.INSTANCE);
    config.setUseScriptCache(true);
    // no Redisson live objects here: skip the per-argument annotation lookup that references need
    config.setReferenceEnabled(false);
    config.setNettyThreads(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
    config.setTcpKeepAlive(true);
    config.setTcpNoDelay(true);
    BaseConfig<?> base =
        switch (settings.mode()) {
          case SINGLE -> single(config, settings);
          case SENTINEL -> sentinel(config, settings);
          case CLUSTER -> cluster(config, settings);
        };
    base.setClientName(clientName);
    base.setTimeout(5_000);
    base.setRetryAttempts(4);
    base.setPingConnectionInterval(5_000);
    base.setIdleConnectionTimeout((int) settings.pool().idleTimeout().toMillis());
    // on Config, not the server config: Redisson 4 logs a deprecation warning for the latter
    settings.username().ifPresent(config::setUsername);
    settings.password().ifPresent(p -> config.setPassword(p.value()));
    return config;
  }

  /**
   * A client connected to Redis.
   *
   * @throws RedisUnreachableException when no connection can be made (nothing answers, or the
   *     credentials are refused), with a one-line message that names the address but no password
   */
  public static RedissonClient connect(RedisSettings settings, String clientName) {
    try {
      return Redisson.create(config(settings, clientName));
    } catch (RedisException e) {
      throw RedisUnreachableException.of(settings, e);
    }
  }

  /**
   * Turns off Netty's buffer leak detector unless {@code -Dio.netty.leakDetection.level} asks for
   * it. By default it records a stack trace for one buffer in 128, on every command a worker sends;
   * docfleet never handles Netty's buffers itself (Redisson does), so that work finds nothing here.
   */
  static void leaveLeakDetectionOff() {
    if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }

  private static SingleServerConfig single(Config config, RedisSettings settings) {
    return config
        .useSingleServer()
        .setAddress(settings.primaryAddress())
        .setDatabase(settings.database())
        .setConnectionMinimumIdleSize(settings.pool().minIdle())
        .setConnectionPoolSize(settings.pool().size());
  }

  private static SentinelServersConfig sentinel(Config config, RedisSettings settings) {
    SentinelServersConfig sentinel =
        config
            .useSentinelServers()
            .setMasterName(settings.sentinelMaster())
            .setDatabase(settings.database())
            .setCheckSentinelsList(false)
            // Redisson reads from replicas by default; the queue reads what it just wrote
            // (in-flight lists, heartbeats), which a lagging replica may not have yet.
            .setReadMode(ReadMode.MASTER)
            .setMasterConnectionMinimumIdleSize(settings.pool().minIdle())
            .setMasterConnectionPoolSize(settings.pool().size());
    settings.nodes().forEach(sentinel::addSentinelAddress);
    return sentinel;
  }

  private static ClusterServersConfig cluster(Config config, RedisSettings settings) {
    ClusterServersConfig cluster =
        config
            .useClusterServers()
            .setMasterConnectionMinimumIdleSize(settings.pool().minIdle())
            .setMasterConnectionPoolSize(settings.pool().size())
            // as in sentinel mode: read what was just written, from the primaries
            .setReadMode(ReadMode.MASTER);
    settings.nodes().forEach(cluster::addNodeAddress);
    return cluster;
  }
}
