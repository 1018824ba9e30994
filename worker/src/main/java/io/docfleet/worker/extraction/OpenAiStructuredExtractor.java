package io.docfleet.worker.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.docfleet.worker.provider.CallPermits;
import io.docfleet.worker.provider.Metered;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.provider.ProviderUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code STRUCTURED_EXTRACTOR=openai}: one chat completion per document whose strict response
 * format is the shipped {@code document-facts.schema.json} itself, so the model answers in exactly
 * the shape that is stored; the reply is checked against the same schema before it is returned.
 */
public final class OpenAiStructuredExtractor implements StructuredExtractor, AutoCloseable {
  public static final String NAME = "openai";

  /** Bump whenever the prompt or the schema changes. */
  static final String PROMPT_VERSION = "facts-v1";

  static final String SCHEMA_NAME = "document_facts";

  static final String INSTRUCTIONS =
      "You read legal and business documents and report their facts: the document type, the"
          + " parties (people and organisations the document is between or about, not judges or"
          + " counsel) with their roles, the key dates, the money amounts and the jurisdiction."
          + " Copy names, dates and amounts as written in the document; use null where the"
          + " document does not say.";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OpenAIClient client;
  private final OpenAiSettings settings;
  private final ResponseFormatJsonSchema responseFormat;
  private final CallPermits permits;

  public OpenAiStructuredExtractor(OpenAIClient client, OpenAiSettings settings) {
    this(client, settings, CallPermits.unlimited());
  }

  /** An extractor whose calls first take a permit of {@code rate:openai:chat}. */
  public OpenAiStructuredExtractor(
      OpenAIClient client, OpenAiSettings settings, CallPermits permits) {
    this.client = client;
    this.settings = settings;
    this.responseFormat = responseFormat();
    this.permits = permits;
  }

  /** An extractor whose calls take no permits. */
  public static OpenAiStructuredExtractor create(OpenAiSettings settings) {
    return create(settings, CallPermits.unlimited());
  }

  public static OpenAiStructuredExtractor create(OpenAiSettings settings, CallPermits permits) {
    return new OpenAiStructuredExtractor(
        OpenAiClients.create(settings, "STRUCTURED_EXTRACTOR"), settings, permits);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return NAME + ":" + settings.model() + ":" + PROMPT_VERSION + ":max" + settings.maxInputChars();
  }

  @Override
  public DocumentFacts extract(StructuredInput input) throws ProviderException {
    return extractMetered(input).result();
  }

  /** The facts, with the tokens the completion billed (its reply's {@code usage}). */
  @Override
  public Metered<DocumentFacts> extractMetered(StructuredInput input) throws ProviderException {
    String text = input.text();
    if (text.length() > settings.maxInputChars()) {
      text = text.substring(0, settings.maxInputChars());
    }
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model(settings.model())
            .temperature(0.0)
            .addSystemMessage(INSTRUCTIONS)
            .addUserMessage(text)
            .responseFormat(responseFormat)
            .build();
    ChatCompletion completion;
    OpenAiClients.takeChatPermit(permits);
    try {
      completion = client.chat().completions().create(params);
    } catch (RuntimeException e) {
      throw OpenAiFailures.map(e, settings);
    }
    List<ProviderUsage> usage = OpenAiReplies.usage(completion.usage(), settings.model());
    String json;
    try {
      json = OpenAiReplies.content(completion);
    } catch (ProviderException e) {
      throw e.billed(usage);
    }
    List<String> problems = DocumentFactsJson.problems(json);
    if (!problems.isEmpty()) {
      throw ProviderException.retryable(
              OpenAiFailures.PROVIDER,
              "the reply breaks "
                  + DocumentFactsJson.SCHEMA_RESOURCE
                  + ": "
                  + String.join("; ", problems.subList(0, Math.min(5, problems.size()))))
          .billed(usage);
    }
    return new Metered<>(DocumentFactsJson.read(json), usage);
  }

  private static ResponseFormatJsonSchema responseFormat() {
    Map<String, JsonValue> schema = new LinkedHashMap<>();
    DocumentFactsJson.responseSchema()
        .fields()
        .forEachRemaining(
            field -> schema.put(field.getKey(), JsonValue.from(toPlain(field.getValue()))));
    return ResponseFormatJsonSchema.builder()
        .jsonSchema(
            ResponseFormatJsonSchema.JsonSchema.builder()
                .name(SCHEMA_NAME)
                .strict(true)
                .schema(
                    ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                        .putAllAdditionalProperties(schema)
                        .build())
                .build())
        .build();
  }

  private static Object toPlain(JsonNode node) {
    return MAPPER.convertValue(node, Object.class);
  }

  /** Releases the client's connections. */
  @Override
  public void close() {
    client.close();
  }
}
