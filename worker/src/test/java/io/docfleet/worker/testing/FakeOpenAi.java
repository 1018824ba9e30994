package io.docfleet.worker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An OpenAI-compatible server on loopback: {@code POST /v1/chat/completions} answers with the
 * assistant content that {@link #replyWith} computes from the request (the JSON-schema reply), or
 * with a queued error in OpenAI's error format. Each reply reports its {@code usage} (prompt tokens
 * from the user message's length, completion tokens from the reply's, a set part of the prompt
 * cached), and the totals served are counted.
 */
public final class FakeOpenAi extends HttpStub {
  private final Deque<Answer> faults = new ArrayDeque<>();
  private volatile Function<JsonNode, String> reply = request -> "{}";
  private volatile String finishReason = "stop";
  private volatile String refusal = null;
  private volatile Duration delay = Duration.ZERO;
  private final Deque<Duration> delaysOfNext = new ArrayDeque<>();
  private volatile int cachedPercent = 0;

  /** The tokens billed in every reply served so far ({@code usage}, as OpenAI reports it). */
  public final AtomicLong promptTokens = new AtomicLong();

  public final AtomicLong cachedTokens = new AtomicLong();
  public final AtomicLong completionTokens = new AtomicLong();

  /** {@code http://127.0.0.1:<port>/v1}, as OPENAI_BASE_URL takes it. */
  public String baseUrl() {
    return address() + "/v1";
  }

  /** Computes the assistant's content (a JSON text) from the request body. */
  public void replyWith(Function<JsonNode, String> reply) {
    this.reply = reply;
  }

  /** The part of each prompt's tokens that replies report as cached ({@code cached_tokens}). */
  public void cachedPercent(int percent) {
    this.cachedPercent = percent;
  }

  public void finishReason(String finishReason) {
    this.finishReason = finishReason;
  }

  public void refuse(String refusal) {
    this.refusal = refusal;
  }

  /** Answers only after this long, to make the client time out. */
  public void delay(Duration delay) {
    this.delay = delay;
  }

  /** Only the next request is answered this late (after the queued errors, if any). */
  public synchronized void delayNext(Duration delay) {
    delaysOfNext.add(delay);
  }

  /** The next request is answered with this status and OpenAI error. */
  public synchronized void failNext(int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error")
        .put("message", message)
        .put("type", "error")
        .put("code", code)
        .putNull("param");
    faults.add(new Answer(status, "application/json", body.toString(), Map.of()));
  }

  /** The user message of a chat completion request. */
  public static String userMessage(JsonNode request) {
    for (JsonNode message : request.path("messages")) {
      if ("user".equals(message.path("role").asText())) {
        return message.path("content").asText();
      }
    }
    return "";
  }

  @Override
  protected Answer answer(Received request) throws Exception {
    if (!delay.isZero()) {
      Thread.sleep(delay.toMillis());
    }
    Duration late;
    synchronized (this) {
      if (!faults.isEmpty()) {
        return faults.poll();
      }
      late = delaysOfNext.poll();
    }
    if (late != null) {
      Thread.sleep(late.toMillis());
    }
    if (!"/v1/chat/completions".equals(request.path())) {
      return new Answer(
          404, "application/json", "{\"error\":{\"message\":\"no route\"}}", Map.of());
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1_700_000_000L);
    body.put("model", request.body().path("model").asText());
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", finishReason).putNull("logprobs");
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (refusal != null) {
      message.putNull("content").put("refusal", refusal);
    } else {
      message.put("content", reply.apply(request.body())).putNull("refusal");
    }
    String content = message.path("content").asText("");
    long prompt = 20 + userMessage(request.body()).length() / 4;
    long cached = prompt * cachedPercent / 100;
    long completion = 1 + content.length() / 4;
    body.putObject("usage")
        .put("prompt_tokens", prompt)
        .put("completion_tokens", completion)
        .put("total_tokens", prompt + completion)
        .putObject("prompt_tokens_details")
        .put("cached_tokens", cached);
    promptTokens.addAndGet(prompt);
    cachedTokens.addAndGet(cached);
    completionTokens.addAndGet(completion);
    return new Answer(200, "application/json", body.toString(), Map.of());
  }
}
