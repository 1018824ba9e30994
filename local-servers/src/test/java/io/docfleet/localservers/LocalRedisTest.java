package io.docfleet.localservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
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
