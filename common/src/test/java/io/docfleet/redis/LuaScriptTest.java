package io.docfleet.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.localservers.LocalRedis;
import io.docfleet.testing.TestRedis;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Scripts go out as EVALSHA, and a server that lost them gets them loaded again; a script name with
 * no file fails at once, naming the path it looked for.
 */
class LuaScriptTest {
  private static final LuaScript CLAIM = LuaScript.load("claim");

  private static LocalRedis server;
  private static RedissonClient redis;

  @BeforeAll
  static void start() {
    // a private server: the test flushes its script cache
    server = LocalRedis.startPrivate();
    redis = TestRedis.connect(server.url());
  }

  @AfterAll
  static void stop() {
    redis.shutdown();
    server.close();
  }

  @Test
  void aServerThatLostTheScriptGetsItLoadedAndTheCallSucceeds() {
    redis.getList("tasks:lua", StringCodec.INSTANCE).add("a");
    redis.getScript().scriptFlush();

    List<Object> claimed =
        CLAIM
            .<List<Object>>run(
                redis,
                RScript.ReturnType.LIST,
                List.of("tasks:lua", "{tasks:lua}:processing:w", "{tasks:lua}:paused"),
                "5")
            .toCompletableFuture()
            .join();

    assertThat(claimed).as("not paused, then the claimed item").containsExactly(0L, "a");
    assertThat(redis.getScript().scriptExists(CLAIM.sha())).containsExactly(true);
  }

  @Test
  void anErrorOtherThanNoScriptReachesTheCaller() {
    redis.getBucket("tasks:wrongtype", StringCodec.INSTANCE).set("not a list");

    assertThatThrownBy(
            () ->
                CLAIM
                    .run(
                        redis,
                        RScript.ReturnType.LIST,
                        List.of("tasks:wrongtype", "{tasks:wrongtype}:processing:w", "{x}:p"),
                        "1")
                    .toCompletableFuture()
                    .join())
        .hasMessageContaining("WRONGTYPE");
  }

  @Test
  void aScriptWithoutItsFileFailsWhenLoadedNamingThePath() {
    assertThatThrownBy(() -> LuaScript.load("no-such-script"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing Lua script")
        .hasMessageContaining("no-such-script.lua");
  }
}
