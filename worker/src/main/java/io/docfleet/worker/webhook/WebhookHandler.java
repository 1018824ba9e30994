package io.docfleet.worker.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.config.Secret;
import io.docfleet.task.Task;
import io.docfleet.webhook.DestinationCheck;
import io.docfleet.webhook.RefusedDestination;
import io.docfleet.webhook.WebhookSettings;
import io.docfleet.webhook.WebhookSignature;
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

/**
 * The {@code webhook} task type: POSTs the event its payload carries ({@code {"url", "event"}}) to
 * the URL, signed ({@link WebhookSignature}). The destination is checked again after DNS resolution
 * (a refused address dead-letters the task with the reason); redirects are never followed. A 2xx
 * answer delivers it; any other answer, a timeout ({@code WEBHOOK_TIMEOUT}) or a connection that
 * fails is retried with the queue's backoff until the attempts run out and the task is
 * dead-lettered. Each task waits on its own thread of the type's pool, so a slow receiver holds up
 * no other task.
 */
public final class WebhookHandler implements TaskHandler {
  private final WebhookSettings settings;
  private final DestinationCheck destinations;
  private final HttpClient http;
  private final ObjectMapper mapper;
  private final Clock clock;

  public WebhookHandler(WebhookSettings settings, ObjectMapper mapper, Clock clock) {
    this.settings = settings;
    this.destinations = settings.destinations();
    this.mapper = mapper;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.timeout())
            .build();
  }

  @Override
  public TaskOutcome handle(Task task) throws Exception {
    String url = task.payload().path("url").asText("");
    JsonNode event = task.payload().path("event");
    if (!event.isObject() || !event.hasNonNull("eventId")) {
      throw new PermanentTaskException("the webhook task carries no event with an eventId");
    }
    Secret secret =
        settings
            .secret()
            .orElseThrow(
                () ->
                    new PermanentTaskException(
                        "WEBHOOK_SECRET is not set on this worker: the event cannot be signed"));
    try {
      destinations.atDelivery(url);
    } catch (RefusedDestination e) {
      throw new PermanentTaskException("not delivered: " + e.getMessage());
    } catch (UnknownHostException e) {
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
    return send(request);
  }

  private TaskOutcome send(HttpRequest request) throws InterruptedException {
    String host = request.uri().getHost();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (HttpTimeoutException e) {
      return new TaskOutcome.RetryLater(
          "no answer from " + host + " within " + settings.timeout().toMillis() + "ms");
    } catch (ConnectException e) {
      return new TaskOutcome.RetryLater("could not connect to " + host + ": " + e.getMessage());
    } catch (IOException e) {
      return new TaskOutcome.RetryLater("delivery to " + host + " failed: " + e);
    }
    if (status >= 200 && status < 300) {
      return TaskOutcome.succeeded();
    }
    String redirect = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
    return new TaskOutcome.RetryLater(host + " answered " + status + redirect);
  }
}
