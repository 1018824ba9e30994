package io.docfleet.tools.standins;

import java.util.List;
import java.util.Map;

/**
 * The provider stand-ins of {@code scripts/demo --stand-ins}: an OpenAI-compatible server and a
 * Textract-compatible one, in this JVM on free 127.0.0.1 ports, and the worker settings that point
 * the {@code openai} extractors and the {@code textract} OCR engine at them (dummy credentials; no
 * call leaves the machine). Lifecycle: {@link #start}; {@link #served} at any time; {@link #close}.
 */
public final class StandIns implements AutoCloseable {
  /** Settings removed from the workers' environment: real credentials have no business here. */
  private static final List<String> DROPPED = List.of("AWS_SESSION_TOKEN", "AWS_PROFILE");

  private final OpenAiStandIn openAi;
  private final TextractStandIn textract;

  private StandIns(OpenAiStandIn openAi, TextractStandIn textract) {
    this.openAi = openAi;
    this.textract = textract;
  }

  public static StandIns start() {
    OpenAiStandIn openAi = new OpenAiStandIn();
    try {
      return new StandIns(openAi, new TextractStandIn());
    } catch (RuntimeException e) {
      openAi.close();
      throw e;
    }
  }

  /** Points a worker environment's engines at the stand-ins, replacing any provider settings. */
  public void configure(Map<String, String> environment) {
    DROPPED.forEach(environment::remove);
    environment.putAll(
        Map.of(
            "ENTITY_EXTRACTOR", "openai",
            "STRUCTURED_EXTRACTOR", "openai",
            "OPENAI_BASE_URL", openAi.baseUrl(),
            "OPENAI_API_KEY", "sk-stand-in-not-a-key",
            "OCR_ENGINE", "textract",
            "AWS_REGION", "us-east-1",
            "AWS_ENDPOINT_URL_TEXTRACT", textract.endpoint(),
            "AWS_ACCESS_KEY_ID", "stand-in",
            "AWS_SECRET_ACCESS_KEY", "stand-in",
            "AWS_EC2_METADATA_DISABLED", "true"));
  }

  /** Where the two listen, for the demo's header. */
  public String describe() {
    return "OpenAI " + openAi.baseUrl() + ", Textract " + textract.endpoint();
  }

  /** Everything both have served so far. */
  public Served served() {
    return openAi.served().plus(textract.served());
  }

  @Override
  public void close() {
    openAi.close();
    textract.close();
  }
}
