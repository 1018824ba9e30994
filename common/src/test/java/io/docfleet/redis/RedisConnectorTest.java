package io.docfleet.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.Env;
import io.docfleet.config.RedisSettings;
import io.netty.util.ResourceLeakDetector;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

class RedisConnectorTest {

  private static Config configFor(Map<String, String> env) {
    return RedisConnector.config(RedisSettings.fromEnv(new Env(env)), "docfleet-worker-w1");
  }

  @Test
  void aSingleServerGetsItsAddressDatabaseCredentialsAndClientName() {
    Config config = configFor(Map.of("REDIS_URL", "redis://app:pw@cache:6380/3"));
    assertThat(config.getCodec()).isEqualTo(StringCodec.INSTANCE);
    assertThat(config.isUseScriptCache()).isTrue();
    assertThat(config.isSingleConfig()).isTrue();
    assertThat(config.useSingleServer().getAddress()).isEqualTo("redis://cache:6380");
    assertThat(config.useSingleServer().getDatabase()).isEqualTo(3);
    assertThat(config.getUsername()).isEqualTo("app");
    assertThat(config.getPassword()).isEqualTo("pw");
    assertThat(config.useSingleServer().getClientName()).isEqualTo("docfleet-worker-w1");
  }

  @Test
  void sentinelModeNamesTheMasterAndEverySentinel() {
    Config config =
        configFor(
            Map.of(
                "REDIS_MODE", "sentinel",
                "REDIS_NODES", "s1:26379,s2:26379",
                "REDIS_SENTINEL_MASTER", "queues"));
    assertThat(config.isSentinelConfig()).isTrue();
    assertThat(config.useSentinelServers().getMasterName()).isEqualTo("queues");
    assertThat(config.useSentinelServers().getSentinelAddresses())
        .containsExactly("redis://s1:26379", "redis://s2:26379");
    assertThat(config.useSentinelServers().getClientName()).isEqualTo("docfleet-worker-w1");
  }

  @Test
  void clusterModeSeedsFromEveryNode() {
    Config config =
        configFor(Map.of("REDIS_MODE", "cluster", "REDIS_NODES", "rediss://n1:7000,n2:7001"));
    assertThat(config.isClusterConfig()).isTrue();
    assertThat(config.useClusterServers().getNodeAddresses())
        .containsExactly("rediss://n1:7000", "redis://n2:7001");
  }

  @Test
  void everyModeTakesThePoolFromTheEnvironment() {
    Map<String, String> pool =
        Map.of(
            "REDIS_POOL_SIZE", "12", "REDIS_POOL_MIN_IDLE", "3", "REDIS_POOL_IDLE_TIMEOUT", "20s");
    Config single = configFor(pool);
    assertThat(single.useSingleServer().getConnectionPoolSize()).isEqualTo(12);
    assertThat(single.useSingleServer().getConnectionMinimumIdleSize()).isEqualTo(3);
    assertThat(single.useSingleServer().getIdleConnectionTimeout()).isEqualTo(20_000);

    Map<String, String> sentinelEnv = new java.util.HashMap<>(pool);
    sentinelEnv.putAll(Map.of("REDIS_MODE", "sentinel", "REDIS_NODES", "s1:26379"));
    Config sentinel = configFor(sentinelEnv);
    assertThat(sentinel.useSentinelServers().getMasterConnectionPoolSize()).isEqualTo(12);
    assertThat(sentinel.useSentinelServers().getMasterConnectionMinimumIdleSize()).isEqualTo(3);
    assertThat(sentinel.useSentinelServers().getIdleConnectionTimeout()).isEqualTo(20_000);

    Map<String, String> clusterEnv = new java.util.HashMap<>(pool);
    clusterEnv.putAll(Map.of("REDIS_MODE", "cluster", "REDIS_NODES", "n1:7000"));
    Config cluster = configFor(clusterEnv);
    assertThat(cluster.useClusterServers().getMasterConnectionPoolSize()).isEqualTo(12);
    assertThat(cluster.useClusterServers().getMasterConnectionMinimumIdleSize()).isEqualTo(3);
    assertThat(cluster.useClusterServers().getIdleConnectionTimeout()).isEqualTo(20_000);
  }

  @Test
  void nettysLeakDetectorIsOffUnlessItsPropertyAsks() {
    ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    String property = System.getProperty(RedisConnector.LEAK_DETECTION_PROPERTY);
    try {
      System.clearProperty(RedisConnector.LEAK_DETECTION_PROPERTY);
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
      configFor(Map.of());
      assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);

      System.setProperty(RedisConnector.LEAK_DETECTION_PROPERTY, "paranoid");
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
      configFor(Map.of());
      assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    } finally {
      ResourceLeakDetector.setLevel(before);
      if (property == null) {
        System.clearProperty(RedisConnector.LEAK_DETECTION_PROPERTY);
      } else {
        System.setProperty(RedisConnector.LEAK_DETECTION_PROPERTY, property);
      }
    }
  }
}
