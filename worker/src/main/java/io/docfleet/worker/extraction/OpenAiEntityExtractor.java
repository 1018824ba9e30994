package io.docfleet.worker.extraction;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.StructuredChatCompletion;
import com.openai.models.chat.completions.StructuredChatCompletionCreateParams;
import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.worker.provider.CallPermits;
import io.docfleet.worker.provider.Metered;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.provider.ProviderUsage;
import java.util.List;

/**
 * {@code ENTITY_EXTRACTOR=openai}: a chat completion with a strict JSON-schema reply listing each
 * entity's type and text; the texts are then found in the chunk to get their offsets (a model's own
 * offsets are not to be trusted). Temperature 0 keeps replies as repeatable as the model allows.
 */
public final class OpenAiEntityExtractor implements EntityExtractor, AutoCloseable {
  public static final String NAME = "openai";

  /** Bump whenever the prompt or the reply's record changes. */
  static final String PROMPT_VERSION = "entities-v1";

  static final String INSTRUCTIONS =
      "You extract named entities from legal documents. List every mention of: person (people's"
          + " names, without titles), organization (companies, banks, universities, agencies),"
          + " court, date, money (amounts with their currency), case_number (docket and case"
          + " numbers), statute (statutes, codes, regulations and rules of procedure), email and"
          + " phone. Copy each entity's text exactly as it appears in the document. Do not"
          + " invent entities that are not in the text.";

  private final OpenAIClient client;
  private final OpenAiSettings settings;
  private final CallPermits permits;

  public OpenAiEntityExtractor(OpenAIClient client, OpenAiSettings settings) {
    this(client, settings, CallPermits.unlimited());
  }

  /** An extractor whose calls first take a permit of {@code rate:openai:chat}. */
  public OpenAiEntityExtractor(OpenAIClient client, OpenAiSettings settings, CallPermits permits) {
    this.client = client;
    this.settings = settings;
    this.permits = permits;
  }

  /** An extractor whose calls take no permits. */
  public static OpenAiEntityExtractor create(OpenAiSettings settings) {
    return create(settings, CallPermits.unlimited());
  }

  public static OpenAiEntityExtractor create(OpenAiSettings settings, CallPermits permits) {
    return new OpenAiEntityExtractor(
        OpenAiClients.create(settings, "ENTITY_EXTRACTOR"), settings, permits);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String label() {
    return NAME + ":" + settings.model();
  }

  @Override
  public String version() {
    return NAME + ":" + settings.model() + ":" + PROMPT_VERSION;
  }

  @Override
  public List<Entity> extract(Chunk chunk) throws ProviderException {
    return extractMetered(chunk).result();
  }

  /** The entities, with the tokens the completion billed (its reply's {@code usage}). */
  @Override
  public Metered<List<Entity>> extractMetered(Chunk chunk) throws ProviderException {
    if (chunk.text().isBlank()) {
      return Metered.free(List.of());
    }
    StructuredChatCompletionCreateParams<EntityMentions> params =
        ChatCompletionCreateParams.builder()
            .model(settings.model())
            .temperature(0.0)
            .addSystemMessage(INSTRUCTIONS)
            .addUserMessage(chunk.text())
            .responseFormat(EntityMentions.class)
            .build();
    StructuredChatCompletion<EntityMentions> completion;
    OpenAiClients.takeChatPermit(permits);
    try {
      completion = client.chat().completions().create(params);
    } catch (RuntimeException e) {
      throw OpenAiFailures.map(e, settings);
    }
    List<ProviderUsage> usage = OpenAiReplies.usage(completion.usage(), settings.model());
    EntityMentions reply;
    try {
      reply = OpenAiReplies.content(completion);
    } catch (ProviderException e) {
      throw e.billed(usage);
    }
    return new Metered<>(
        Spans.toEntities(
            chunk,
            MentionLocator.locate(
                chunk.text(), reply.entities() == null ? List.of() : reply.entities()),
            label()),
        usage);
  }

  /** Releases the client's connections. */
  @Override
  public void close() {
    client.close();
  }
}
