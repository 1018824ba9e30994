package io.docfleet.webhook;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * The webhook deliveries per destination in Redis ({@code {metrics}:webhook_destinations} and
 * {@code {metrics}:webhook_destination:<origin>}): a worker {@link #record}s each attempt's outcome
 * with one script call ({@code webhook_delivery.lua}); the coordinator {@link #list}s them in two
 * round trips. A destination is kept {@link #RETENTION} after its last attempt, and at most {@link
 * #MAX_DESTINATIONS} are kept (the least recently used goes first).
 */
public final class WebhookDestinations {
  public static final Duration RETENTION = Duration.ofDays(30);
  public static final int MAX_DESTINATIONS = 500;
  private static final LuaScript RECORD = LuaScript.load("webhook_delivery");

  /**
   * One attempt: its destination ({@link WebhookOrigin}), the outcomes it counts as (a last failed
   * attempt is {@code failed} and {@code dead_lettered}), its latency when it got an answer or
   * timed out, and its failure (an HTTP status or an error's class) when it failed.
   */
  public record Attempt(
      String destination,
      List<DeliveryOutcome> outcomes,
      Optional<Long> latencyMs,
      Optional<String> error) {
    public Attempt {
      Objects.requireNonNull(destination, "destination");
      outcomes = List.copyOf(outcomes);
      Objects.requireNonNull(latencyMs, "latencyMs");
      Objects.requireNonNull(error, "error");
    }
  }

  private final FleetContext fleet;

  public WebhookDestinations(FleetContext fleet) {
    this.fleet = fleet;
  }

  /** Counts one attempt; the reply is how many destinations the cap dropped. */
  public CompletionStage<Long> record(Attempt attempt) {
    String index = fleet.keys().metrics().webhookDestinations();
    String hashPrefix = fleet.keys().metrics().webhookDestinationPrefix();
    String hash = fleet.keys().metrics().webhookDestination(attempt.destination());
    List<Object> args = new ArrayList<>();
    args.add(attempt.destination());
    args.add(hash.substring(hashPrefix.length()));
    args.add(String.valueOf(fleet.clock().millis()));
    args.add(String.valueOf(RETENTION.toMillis()));
    args.add(String.valueOf(MAX_DESTINATIONS));
    args.add(hashPrefix);
    args.add(attempt.latencyMs().map(String::valueOf).orElse(""));
    args.add(attempt.error().orElse(""));
    attempt.outcomes().forEach(o -> args.add(o.wireName()));
    return RECORD.run(fleet.redis(), RScript.ReturnType.LONG, List.of(index, hash), args.toArray());
  }

  /** Every destination kept, most failed attempts first, then by name. */
  public List<DestinationStats> list() {
    String hashPrefix = fleet.keys().metrics().webhookDestinationPrefix();
    Collection<String> segments =
        fleet
            .redis()
            .<String>getScoredSortedSet(
                fleet.keys().metrics().webhookDestinations(), StringCodec.INSTANCE)
            .valueRangeReversed(0, MAX_DESTINATIONS - 1);
    if (segments.isEmpty()) {
      return List.of();
    }
    RBatch batch = fleet.redis().createBatch();
    List<RFuture<Map<String, String>>> reads = new ArrayList<>(segments.size());
    for (String segment : segments) {
      reads.add(
          batch
              .<String, String>getMap(hashPrefix + segment, StringCodec.INSTANCE)
              .readAllMapAsync());
    }
    batch.execute();
    List<DestinationStats> all = new ArrayList<>(reads.size());
    for (RFuture<Map<String, String>> read : reads) {
      Map<String, String> hash = new HashMap<>(read.toCompletableFuture().join());
      if (hash.containsKey("destination")) {
        all.add(DestinationStats.fromHash(hash));
      }
    }
    all.sort(
        Comparator.comparingLong(DestinationStats::failed)
            .reversed()
            .thenComparing(DestinationStats::destination));
    return List.copyOf(all);
  }
}
