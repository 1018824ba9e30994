package io.docfleet.localservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalRedisTest {

  @Test
  void findsTheRedisThatAlreadyAnswers() {
    URI shared = URI.create(SharedServers.redisUrl());
    try (LocalRedis found = LocalRedis.findOrStart(SharedServers.redisUrl())) {
      assertThat(found.origin()).isEqualTo(LocalRedis.Origin.ALREADY_RUNNING);
      assertThat(found.owned()).isFalse();
      assertThat(found.port()).isEqualTo(shared.getPort());
      found.start(); // nothing to start: it is not ours
      assertThat(LocalRedis.answers(shared.getHost(), shared.getPort())).isTrue();
    }
  }

  @Test
  void startsAPrivateServerThatCanBeKilledAndStartedAgain() {
    try (LocalRedis redis = LocalRedis.startPrivate()) {
      assertThat(redis.owned()).isTrue();
      assertThat(redis.origin().description()).startsWith("started");
      assertThat(LocalRedis.answers("127.0.0.1", redis.port())).isTrue();
      if (redis.origin() == LocalRedis.Origin.SYSTEM_REDIS_SERVER) {
        assertThat(redis.pid()).isPresent();
      }

      redis.stop(true);
      assertThat(LocalRedis.answers("127.0.0.1", redis.port())).isFalse();
      assertThat(redis.pid()).isEmpty();

      redis.start();
      assertThat(LocalRedis.answers("127.0.0.1", redis.port())).isTrue();
    }
  }

  @Test
  void aServerStartedHereStopsWhenTheJvmExitsEvenUnclosed() throws Exception {
    Process jvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StartsRedisAndExits.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(jvm.exitValue()).as(output).isZero();
    int port = Integer.parseInt(output.lines().reduce((a, b) -> b).orElseThrow().trim());

    assertThat(LocalRedis.answers("127.0.0.1", port)).as("no Redis outlives the JVM").isFalse();
  }

  @Test
  void startingARunningServerKeepsItSoStopStopsIt() {
    try (LocalRedis redis = LocalRedis.startPrivate()) {
      redis.start();

      redis.stop(true);
      assertThat(LocalRedis.answers("127.0.0.1", redis.port())).isFalse();
    }
  }

  @Test
  void startsOneOnTheUrlsPortWhenNothingAnswers() {
    int port;
    try (LocalRedis probe = LocalRedis.startPrivate()) {
      port = probe.port();
    }
    try (LocalRedis started = LocalRedis.findOrStart("redis://127.0.0.1:" + port)) {
      assertThat(started.owned()).isTrue();
      assertThat(started.url()).isEqualTo("redis://127.0.0.1:" + port);
      assertThat(LocalRedis.answers("127.0.0.1", port)).isTrue();
    }
    assertThat(LocalRedis.answers("127.0.0.1", port)).isFalse();
  }

  @Test
  void refusesToStartAServerForAnotherHost() {
    assertThatThrownBy(() -> LocalRedis.findOrStart("redis://192.0.2.1:6379"))
        .hasMessageContaining("no Redis answers at 192.0.2.1:6379");
  }
}
