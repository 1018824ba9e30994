package io.docfleet.api.redismonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.localservers.LocalRedis;
import io.docfleet.testing.TestRedis;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;

/**
 * A Redis's slow log read from the server (a private one, told to log every command): the command
 * and its key are shown, the value it carried is not.
 */
class SlowLogTest {
  private static final String PAYLOAD = "{\"id\":\"t-9\",\"payload\":{\"secret\":\"hunter2\"}}";

  private static LocalRedis server;
  private static RedissonClient redis;

  @BeforeAll
  static void aRedisThatLogsEveryCommand() {
    server = LocalRedis.startPrivate();
    redis = TestRedis.connect(server.url());
    redis.getRedisNodes(RedisNodes.SINGLE).getInstance().setConfig("slowlog-log-slower-than", "0");
  }

  @AfterAll
  static void stop() {
    redis.shutdown();
    server.close();
  }

  @Test
  void theNewestCommandsComeWithoutTheirValues() throws Exception {
    redis.getList("tasks:ocr").add(PAYLOAD);

    List<SlowEntry> entries = SlowLog.read(redis);

    assertThat(entries).hasSizeLessThanOrEqualTo(SlowLog.ENTRIES);
    assertThat(entries)
        .isSortedAccordingTo(
            java.util.Comparator.comparing(SlowEntry::at).thenComparing(SlowEntry::id).reversed());
    assertThat(entries)
        .filteredOn(e -> e.command().equals("RPUSH"))
        .singleElement()
        .satisfies(
            push -> {
              assertThat(push.argument()).isEqualTo("tasks:ocr");
              assertThat(push.arguments()).isEqualTo(2);
              assertThat(push.client()).isEqualTo("docfleet-test");
            });
    assertThat(entries.toString()).doesNotContain("hunter2");
  }
}
