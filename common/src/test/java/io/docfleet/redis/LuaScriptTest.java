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
  private static final LuaScript PROMOTE = LuaScript.load("promote");

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
    redis.getScoredSortedSet("{tasks:lua}:delayed", StringCodec.INSTANCE).add(1, "a");
    redis.getScript().scriptFlush();

    Long moved =
        PROMOTE
            .<Long>run(
                redis,
                RScript.ReturnType.LONG,
                List.of("{tasks:lua}:delayed", "tasks:lua"),
                "5",
                "10")
            .toCompletableFuture()
            .join();

    assertThat(moved).isEqualTo(1);
    assertThat(redis.getList("tasks:lua", StringCodec.INSTANCE).readAll()).containsExactly("a");
    assertThat(redis.getScript().scriptExists(PROMOTE.sha())).containsExactly(true);
  }

  @Test
  void anErrorOtherThanNoScriptReachesTheCaller() {
    redis.getBucket("{tasks:wrongtype}:delayed", StringCodec.INSTANCE).set("not a set");

    assertThatThrownBy(
            () ->
                PROMOTE
                    .run(
                        redis,
                        RScript.ReturnType.LONG,
                        List.of("{tasks:wrongtype}:delayed", "tasks:wrongtype"),
                        "5",
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
