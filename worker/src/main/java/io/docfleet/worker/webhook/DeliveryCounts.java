package io.docfleet.worker.webhook;

import io.docfleet.webhook.DeliveryOutcome;
import io.docfleet.webhook.WebhookDestinations;
import io.docfleet.worker.handler.NextStep;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each webhook attempt for its destination ({@link WebhookDestinations}: one script call, on
 * the {@code webhook} pool's thread that made the attempt) as the retry policy decided: a
 * completion is {@code delivered}, a retry {@code failed}, a dead-letter {@code failed} and {@code
 * dead_lettered}. A count Redis does not take is lost, never the delivery: it logs once when
 * counting starts failing and once when it works again.
 */
final class DeliveryCounts {
  private static final Logger log = LoggerFactory.getLogger(DeliveryCounts.class);

  /** What one attempt found out: its destination, latency and failure, filled as it goes. */
  static final class Tried {
    private final String destination;
    private Long latencyMs;
    private String error;

    Tried(String destination) {
      this.destination = destination;
    }

    Tried answeredIn(long nanos) {
      latencyMs = Duration.ofNanos(nanos).toMillis();
      return this;
    }

    void failed(String why) {
      error = why;
    }
  }

  private final WebhookDestinations destinations;
  private volatile boolean failing;

  DeliveryCounts(WebhookDestinations destinations) {
    this.destinations = destinations;
  }

  void record(String taskId, Tried attempt, NextStep next) {
    List<DeliveryOutcome> outcomes;
    if (next instanceof NextStep.Complete) {
      outcomes = List.of(DeliveryOutcome.DELIVERED);
    } else if (next instanceof NextStep.RetryAt) {
      outcomes = List.of(DeliveryOutcome.FAILED);
    } else if (next instanceof NextStep.DeadLetter) {
      outcomes = List.of(DeliveryOutcome.FAILED, DeliveryOutcome.DEAD_LETTERED);
    } else {
      return; // a poll: no attempt was made
    }
    Optional<String> error =
        outcomes.contains(DeliveryOutcome.FAILED)
            ? Optional.of(attempt.error == null ? "failed" : attempt.error)
            : Optional.empty();
    write(
        taskId,
        new WebhookDestinations.Attempt(
            attempt.destination, outcomes, Optional.ofNullable(attempt.latencyMs), error));
  }

  void gaveUp(String taskId, String destination) {
    write(
        taskId,
        new WebhookDestinations.Attempt(
            destination,
            List.of(DeliveryOutcome.DEAD_LETTERED),
            Optional.empty(),
            Optional.empty()));
  }

  private void write(String taskId, WebhookDestinations.Attempt attempt) {
    try {
      destinations.record(attempt).toCompletableFuture().join();
      if (failing) {
        failing = false;
        log.info("webhook deliveries are counted per destination again");
      }
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        log.warn(
            "webhook task {}: its attempt is not counted for {} ({}); the delivery goes on, and"
                + " attempts are not counted until Redis takes the counts again",
            taskId,
            attempt.destination(),
            e.toString());
      }
    }
  }
}
