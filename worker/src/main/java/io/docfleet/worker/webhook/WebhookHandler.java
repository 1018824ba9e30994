package io.docfleet.worker.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.config.Secret;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Task;
import io.docfleet.webhook.DestinationCheck;
import io.docfleet.webhook.RefusedDestination;
import io.docfleet.webhook.WebhookDestinations;
import io.docfleet.webhook.WebhookOrigin;
import io.docfleet.webhook.WebhookSettings;
import io.docfleet.webhook.WebhookSignature;
import io.docfleet.worker.handler.NextStep;
import io.docfleet.worker.handler.PermanentTaskException;
import io.docfleet.worker.handler.TaskHandler;
import io.docfleet.worker.handler.TaskOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code webhook} task type: POSTs the event its payload carries ({@code {"url", "event"}}) to
 * the URL, signed ({@link WebhookSignature}). The destination is checked again after DNS resolution
 * (a refused address dead-letters the task with the reason); redirects are never followed. A 2xx
 * answer delivers it; any other answer, a timeout ({@code WEBHOOK_TIMEOUT}) or a connection that
 * fails is retried with the queue's backoff until the attempts run out and the task is
 * dead-lettered. Each task waits on its own thread of the type's pool, so a slow receiver holds up
 * no other task. Once the retry policy has decided, the attempt is counted for its destination
 * ({@link DeliveryCounts}).
 */
public final class WebhookHandler implements TaskHandler {
  private final WebhookSettings settings;
  private final DestinationCheck destinations;
  private final HttpClient http;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final DeliveryCounts counts;

  /** Each running task's attempt, from {@link #handle} until {@link #decided} on its thread. */
  private final Map<String, DeliveryCounts.Tried> tried = new ConcurrentHashMap<>();

  public WebhookHandler(WebhookSettings settings, FleetContext fleet) {
    this.settings = settings;
    this.destinations = settings.destinations();
    this.mapper = fleet.codec().mapper();
    this.clock = fleet.clock();
    this.counts = new DeliveryCounts(new WebhookDestinations(fleet));
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.timeout())
            .build();
  }

  @Override
  public TaskOutcome handle(Task task) throws Exception {
    String url = task.payload().path("url").asText("");
    DeliveryCounts.Tried attempt = new DeliveryCounts.Tried(WebhookOrigin.of(url));
    tried.put(task.id(), attempt);
    JsonNode event = task.payload().path("event");
    if (!event.isObject() || !event.hasNonNull("eventId")) {
      attempt.failed("unreadable event");
      throw new PermanentTaskException("the webhook task carries no event with an eventId");
    }
    if (settings.secret().isEmpty()) {
      attempt.failed("unsigned");
      throw new PermanentTaskException(
          "WEBHOOK_SECRET is not set on this worker: the event cannot be signed");
    }
    Secret secret = settings.secret().get();
    try {
      destinations.atDelivery(url);
    } catch (RefusedDestination e) {
      attempt.failed(RefusedDestination.class.getSimpleName());
      throw new PermanentTaskException("not delivered: " + e.getMessage());
    } catch (UnknownHostException e) {
      attempt.failed(UnknownHostException.class.getSimpleName());
      return new TaskOutcome.RetryLater("callbackUrl host does not resolve: " + e.getMessage());
    }
    byte[] body = mapper.writeValueAsBytes(event);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "docfleet-webhook/1")
            .header(WebhookSignature.EVENT_ID_HEADER, event.get("eventId").asText())
            .header(WebhookSignature.HEADER, WebhookSignature.header(secret, clock.instant(), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return send(request, attempt);
  }

  /** Counts the attempt {@link #handle} made for its destination, as the policy decided. */
  @Override
  public void decided(Task task, NextStep next) {
    DeliveryCounts.Tried attempt = tried.remove(task.id());
    if (attempt != null) {
      counts.record(task.id(), attempt, next);
    }
  }

  /** A delivery given up without another attempt (its workers stopped while running it). */
  @Override
  public void gaveUp(Task task, String reason) {
    counts.gaveUp(task.id(), WebhookOrigin.of(task.payload().path("url").asText("")));
  }

  private TaskOutcome send(HttpRequest request, DeliveryCounts.Tried attempt)
      throws InterruptedException {
    String host = request.uri().getHost();
    long start = System.nanoTime();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (HttpTimeoutException e) {
      attempt.answeredIn(System.nanoTime() - start).failed(e.getClass().getSimpleName());
      return new TaskOutcome.RetryLater(
          "no answer from " + host + " within " + settings.timeout().toMillis() + "ms");
    } catch (ConnectException e) {
      attempt.failed(e.getClass().getSimpleName());
      return new TaskOutcome.RetryLater("could not connect to " + host + ": " + e.getMessage());
    } catch (IOException e) {
      attempt.failed(e.getClass().getSimpleName());
      return new TaskOutcome.RetryLater("delivery to " + host + " failed: " + e);
    }
    attempt.answeredIn(System.nanoTime() - start);
    if (status >= 200 && status < 300) {
      return TaskOutcome.succeeded();
    }
    attempt.failed(String.valueOf(status));
    String redirect = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
    return new TaskOutcome.RetryLater(host + " answered " + status + redirect);
  }
}
