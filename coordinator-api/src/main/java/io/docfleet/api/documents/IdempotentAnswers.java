package io.docfleet.api.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.http.ApiException;
import io.docfleet.redis.FleetContext;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.redisson.api.RBucket;

/**
 * The first answer to a request with an {@code Idempotency-Key}, kept in Redis ({@code
 * api:idempotency:<key>}) for a TTL so a retried request gets the same answer and queues nothing.
 *
 * <p>Lifecycle of a key: {@link #begin} claims it atomically ({@code SET NX}) as {@code pending};
 * {@link #complete} stores the answer; {@link #abandon} frees the key when the first request
 * failed, so it may be retried. A second request while the first runs gets 409; one with the same
 * key and a different request (another fingerprint) gets 422.
 */
public final class IdempotentAnswers {
  public static final String HEADER = "Idempotency-Key";
  private static final int MAX_KEY_LENGTH = 200;
  private static final String PENDING = "pending:";

  private final FleetContext fleet;
  private final ObjectMapper mapper;
  private final Duration ttl;

  public IdempotentAnswers(FleetContext fleet, ObjectMapper mapper, Duration ttl) {
    this.fleet = fleet;
    this.mapper = mapper;
    this.ttl = ttl;
  }

  /** An answer given before: its status, {@code Location} and body. */
  public record Answer(int status, String location, JsonNode body) {}

  /**
   * Answers {@code http} with {@code work}'s answer, once per key: without a key it just runs; with
   * one, a repeat gets the first answer (header {@code Idempotent-Replayed: true}), and a failure
   * frees the key for a retry.
   */
  public void respond(Context http, String key, String fingerprint, Supplier<Answer> work) {
    if (key == null) {
      write(http, work.get());
      return;
    }
    Optional<Answer> earlier = begin(key, fingerprint);
    if (earlier.isPresent()) {
      http.header("Idempotent-Replayed", "true");
      write(http, earlier.get());
      return;
    }
    Answer answer;
    try {
      answer = work.get();
    } catch (RuntimeException e) {
      abandon(key);
      throw e;
    }
    complete(key, fingerprint, answer);
    write(http, answer);
  }

  private static void write(Context http, Answer answer) {
    if (answer.location() != null) {
      http.header("Location", answer.location());
    }
    http.status(answer.status()).json(answer.body());
  }

  /** Checks a header value: 400 naming the header when it is empty, too long or not printable. */
  public static String validKey(String key) {
    if (key.isBlank()
        || key.length() > MAX_KEY_LENGTH
        || !key.chars().allMatch(c -> c > 32 && c < 127)) {
      throw ApiException.badRequest(
          HEADER, HEADER + " must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters");
    }
    return key;
  }

  /**
   * Claims {@code key} for a request with this fingerprint; the earlier answer when the key was
   * used already, empty when this request is the first and goes ahead.
   */
  public Optional<Answer> begin(String key, String fingerprint) {
    RBucket<String> bucket = bucket(key);
    if (bucket.setIfAbsent(PENDING + fingerprint, ttl)) {
      return Optional.empty();
    }
    String stored = bucket.get();
    if (stored == null) {
      // expired between the two calls: this request is the first again
      return begin(key, fingerprint);
    }
    if (stored.startsWith(PENDING)) {
      throw new ApiException(
          409, "a request with this " + HEADER + " is still running; retry later", HEADER);
    }
    JsonNode answer = parse(stored);
    if (!fingerprint.equals(answer.path("fingerprint").asText())) {
      throw new ApiException(422, "this " + HEADER + " was used with a different request", HEADER);
    }
    return Optional.of(
        new Answer(
            answer.path("status").asInt(),
            answer.path("location").asText(null),
            answer.path("body")));
  }

  /** Stores the answer of the request that claimed {@code key}. */
  public void complete(String key, String fingerprint, Answer answer) {
    ObjectNode stored = mapper.createObjectNode();
    stored.put("fingerprint", fingerprint);
    stored.put("status", answer.status());
    stored.put("location", answer.location());
    stored.set("body", answer.body());
    bucket(key).set(stored.toString(), ttl);
  }

  /** Frees {@code key} after the first request failed. */
  public void abandon(String key) {
    bucket(key).delete();
  }

  private RBucket<String> bucket(String key) {
    return fleet.redis().getBucket(fleet.keys().apiIdempotency(key));
  }

  private JsonNode parse(String stored) {
    try {
      return mapper.readTree(stored);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable idempotent answer under " + HEADER, e);
    }
  }
}
