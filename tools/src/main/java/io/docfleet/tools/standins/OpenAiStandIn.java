package io.docfleet.tools.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.worker.extraction.RulesEntityExtractor;
import io.docfleet.worker.extraction.RulesStructuredExtractor;
import io.docfleet.worker.extraction.StructuredInput;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible server for {@code scripts/demo --stand-ins}: {@code POST
 * /v1/chat/completions} answers the two requests the OpenAI extractors send, told apart by their
 * strict response schema: the entity extractor's ({@code entities}) with the mentions the rules
 * find in the user message, the structured extractor's ({@code document_facts}) with the facts the
 * rules build from it. The same text always gets the same answer. Each reply carries a {@code
 * usage} block, counted here: prompt tokens are a quarter of each message's characters (rounded up)
 * plus 3 per message and 3 for the reply, the system message's tokens are reported as cached (a
 * prompt prefix every request repeats), completion tokens are a quarter of the reply's characters.
 */
public final class OpenAiStandIn extends LoopbackServer {
  static final String ROUTE = "/v1/chat/completions";

  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong promptTokens = new AtomicLong();
  private final AtomicLong cachedTokens = new AtomicLong();
  private final AtomicLong completionTokens = new AtomicLong();

  public OpenAiStandIn() {
    super("openai-stand-in");
  }

  /** {@code http://127.0.0.1:<port>/v1}, as OPENAI_BASE_URL takes it. */
  public String baseUrl() {
    return address() + "/v1";
  }

  /** The completions answered so far and the tokens their {@code usage} reported. */
  Served served() {
    return new Served(
        calls.get(), promptTokens.get(), cachedTokens.get(), completionTokens.get(), 0);
  }

  @Override
  Reply answer(Request request) {
    if (!ROUTE.equals(request.path())) {
      return error(404, "not_found", "the stand-in serves only POST " + ROUTE);
    }
    if (!"POST".equals(request.method())) {
      return error(405, "method_not_allowed", ROUTE + " takes POST");
    }
    String system = message(request.body(), "system");
    String user = message(request.body(), "user");
    JsonNode schema =
        request
            .body()
            .path("response_format")
            .path("json_schema")
            .path("schema")
            .path("properties");
    String content;
    if (schema.has("entities")) {
      content = mentions(user);
    } else if (schema.has("document_type")) {
      content = facts(user);
    } else {
      return error(
          400,
          "invalid_request_error",
          "response_format must be a strict json_schema with an 'entities' or a 'document_type'"
              + " property, as the OpenAI extractors send");
    }
    long cached = tokens(system);
    long prompt = cached + tokens(user) + 3 * 2 + 3;
    long completion = tokens(content);
    calls.incrementAndGet();
    promptTokens.addAndGet(prompt);
    cachedTokens.addAndGet(cached);
    completionTokens.addAndGet(completion);
    return new Reply(
        200,
        "application/json",
        completion(request, content, prompt, cached, completion),
        Map.of());
  }

  @Override
  Reply badRequest(String message) {
    return error(400, "invalid_request_error", message);
  }

  /** The entities the rules find in {@code text}, as the entity extractor's schema has them. */
  static String mentions(String text) {
    ObjectNode reply = JSON.createObjectNode();
    ArrayNode entities = reply.putArray("entities");
    for (Entity entity : rulesEntities(text)) {
      entities
          .addObject()
          .put("type", entity.type().toUpperCase(Locale.ROOT))
          .put("text", entity.text());
    }
    return reply.toString();
  }

  /**
   * The facts the rules build from {@code text}, as {@code document-facts.schema.json} has them.
   */
  static String facts(String text) {
    return new RulesStructuredExtractor()
        .extract(new StructuredInput(text, rulesEntities(text)))
        .toJson();
  }

  /** What the stand-in bills for {@code text}: a quarter of its characters, rounded up. */
  static long tokens(String text) {
    return (text.length() + 3) / 4;
  }

  private static List<Entity> rulesEntities(String text) {
    return new RulesEntityExtractor().extract(new Chunk("stand-in", 0, 0, text.length(), "", text));
  }

  private static String message(JsonNode request, String role) {
    for (JsonNode message : request.path("messages")) {
      if (role.equals(message.path("role").asText())) {
        return message.path("content").asText("");
      }
    }
    return "";
  }

  private static String completion(
      Request request, String content, long prompt, long cached, long completion) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-stand-in").put("object", "chat.completion").put("created", 0L);
    body.put("model", request.body().path("model").asText());
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", "stop").putNull("logprobs");
    choice.putObject("message").put("role", "assistant").put("content", content).putNull("refusal");
    body.putObject("usage")
        .put("prompt_tokens", prompt)
        .put("completion_tokens", completion)
        .put("total_tokens", prompt + completion)
        .putObject("prompt_tokens_details")
        .put("cached_tokens", cached);
    return body.toString();
  }

  private static Reply error(int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error")
        .put("message", message)
        .put("type", "invalid_request_error")
        .put("code", code)
        .putNull("param");
    return new Reply(status, "application/json", body.toString(), Map.of());
  }
}
