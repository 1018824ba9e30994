package io.docfleet.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.config.Env;
import io.docfleet.config.RedisSettings;
import io.docfleet.localservers.LocalRedis;
import io.docfleet.localservers.ServerProcesses;
import io.docfleet.testing.SlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;

/**
 * Connecting at start-up: a Redis that does not answer, or refuses the credentials, is one short
 * message naming the address and what to set, never the password; the credentials of the URL reach
 * a Redis that asks for them.
 */
@SlowTest
class RedisConnectorStartUpTest {
  private static final String PASSWORD = "s3cret-Pa55";

  @TempDir Path dir;

  private static RedisSettings settings(String url) {
    return RedisSettings.fromEnv(new Env(Map.of("REDIS_URL", url)));
  }

  private static int freePort() throws Exception {
    return ServerProcesses.freePorts(1, ServerProcesses::isFree).get(0);
  }

  @Test
  void aRedisThatDoesNotAnswerIsOneLineNamingTheAddressAndWhatToSet() throws Exception {
    int port = freePort();

    assertThatThrownBy(
            () ->
                RedisConnector.connect(
                    settings("redis://app:" + PASSWORD + "@127.0.0.1:" + port), "test"))
        .isInstanceOf(RedisUnreachableException.class)
        .hasMessageStartingWith("cannot connect to Redis at redis://127.0.0.1:" + port + " as app")
        .hasMessageContaining("REDIS_URL")
        .hasMessageNotContaining(PASSWORD)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void theUrlsPasswordReachesARedisThatAsksForItAndAWrongOneIsNotPrinted() throws Exception {
    assumeTrue(ServerProcesses.onPath("redis-server"), "redis-server is not installed");
    int port = freePort();
    Process server =
        new ProcessBuilder(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--requirepass",
                PASSWORD,
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    try {
      ServerProcesses.await(
          "redis-server answering on " + port,
          () -> LocalRedis.answers("127.0.0.1", port),
          Duration.ofSeconds(10));

      RedissonClient client =
          RedisConnector.connect(settings("redis://:" + PASSWORD + "@127.0.0.1:" + port), "test");
      try {
        assertThat(client.getBucket("k").isExists()).isFalse();
      } finally {
        client.shutdown();
      }
      String wrong = "not-" + PASSWORD;
      assertThatThrownBy(
              () ->
                  RedisConnector.connect(
                      settings("redis://:" + wrong + "@127.0.0.1:" + port), "test"))
          .isInstanceOf(RedisUnreachableException.class)
          .hasMessageStartingWith("cannot connect to Redis at redis://127.0.0.1:" + port)
          .hasMessageNotContaining(wrong);
    } finally {
      ServerProcesses.stopAndRemove(List.of(server), Files.createTempDirectory("unused"));
    }
  }
}
