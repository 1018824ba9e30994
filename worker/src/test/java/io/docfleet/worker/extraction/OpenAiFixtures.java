package io.docfleet.worker.extraction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.config.Secret;
import io.docfleet.worker.testing.FakeOpenAi;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Settings and canned replies for the OpenAI extractors against {@link FakeOpenAi}. */
final class OpenAiFixtures {
  static final String API_KEY = "sk-test-0123456789abcdefSECRET";
  static final String MODEL = "gpt-4o-mini";
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiFixtures() {}

  static OpenAiSettings settings(FakeOpenAi fake) {
    return settings(fake, Duration.ofSeconds(20));
  }

  static OpenAiSettings settings(FakeOpenAi fake, Duration timeout) {
    return new OpenAiSettings(
        Optional.of(new Secret(API_KEY)), URI.create(fake.baseUrl()), MODEL, timeout, 100_000);
  }

  /** A model that names the entities the rules find in the user message. */
  static String mentionsFoundByRules(com.fasterxml.jackson.databind.JsonNode request) {
    String text = FakeOpenAi.userMessage(request);
    ObjectNode reply = JSON.createObjectNode();
    ArrayNode entities = reply.putArray("entities");
    for (Spans.Span span : RulesEntityExtractor.extract(text)) {
      entities
          .addObject()
          .put("type", span.type().toUpperCase(Locale.ROOT))
          .put("text", text.substring(span.start(), span.end()));
    }
    return reply.toString();
  }

  /** A model that reports the facts the rules build from the user message. */
  static String factsFoundByRules(com.fasterxml.jackson.databind.JsonNode request) {
    String text = FakeOpenAi.userMessage(request);
    var entities =
        new RulesEntityExtractor()
            .extract(new io.docfleet.document.Chunk("0-x", 0, 0, text.length(), "sha", text));
    return new RulesStructuredExtractor().extract(new StructuredInput(text, entities)).toJson();
  }
}
