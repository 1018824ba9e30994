package io.docfleet.coordination;

import io.docfleet.redis.RedisNumbers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One registered worker as its last heartbeat described it ({@code workers:<id>}): capabilities,
 * status ({@code active}, {@code draining}, or {@link #LOST} when the heartbeat lapsed and the
 * registration expired), when it beat last and how long ago, its task counts, the port of its
 * {@code /health}, {@code /ready} and {@code /metrics} when it serves one, and the run protocol it
 * speaks ({@link RunProtocol}: 1 when its registration names none, as older workers' do; 0 for a
 * lost one), and the docfleet version it runs ('' when its registration names none).
 */
public record WorkerInfo(
    String id,
    String host,
    long pid,
    List<String> capabilities,
    String concurrency,
    String status,
    Optional<Instant> startedAt,
    Optional<Instant> lastHeartbeat,
    Optional<Duration> heartbeatAge,
    long inFlight,
    long completed,
    long failed,
    OptionalInt httpPort,
    int protocol,
    String version) {

  /** The status of a worker whose registration expired before the reaper forgot it. */
  public static final String LOST = "lost";

  public WorkerInfo {
    capabilities = List.copyOf(capabilities);
  }

  public boolean isLost() {
    return LOST.equals(status);
  }

  /**
   * True when this worker is live (active or draining, not lost) and serves {@code type}: what the
   * health report's {@code no_workers} and {@code docfleet_queue_workers} count.
   */
  public boolean serves(String type) {
    return !isLost() && capabilities.contains(type);
  }

  /** Reads a registration hash; an empty one (expired) is a lost worker. */
  static WorkerInfo from(String id, Map<String, String> fields, Instant now) {
    if (fields.isEmpty()) {
      return new WorkerInfo(
          id,
          "",
          0,
          List.of(),
          "",
          LOST,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          0,
          0,
          0,
          OptionalInt.empty(),
          0,
          "");
    }
    Optional<Instant> beat = millis(fields.get("last_heartbeat"));
    String capabilities = fields.getOrDefault("capabilities", "");
    return new WorkerInfo(
        id,
        fields.getOrDefault("host", ""),
        RedisNumbers.orZero(fields.get("pid")),
        capabilities.isEmpty() ? List.of() : List.of(capabilities.split(",")),
        fields.getOrDefault("concurrency", ""),
        fields.getOrDefault("status", "active"),
        millis(fields.get("started_at")),
        beat,
        beat.map(at -> at.isAfter(now) ? Duration.ZERO : Duration.between(at, now)),
        RedisNumbers.orZero(fields.get("in_flight")),
        RedisNumbers.orZero(fields.get("tasks_completed")),
        RedisNumbers.orZero(fields.get("tasks_failed")),
        fields.containsKey("http_port")
            ? OptionalInt.of((int) RedisNumbers.orZero(fields.get("http_port")))
            : OptionalInt.empty(),
        RunProtocol.of(fields),
        fields.getOrDefault("version", ""));
  }

  private static Optional<Instant> millis(String value) {
    return value == null
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(RedisNumbers.orZero(value)));
  }
}
