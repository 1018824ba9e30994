package io.docfleet.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.config.Secret;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.testing.FakeOpenAi;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The structured request carries the shipped schema; replies are checked against it. */
class OpenAiStructuredExtractorTest {
  private static final StructuredInput CONTRACT =
      StructuredExtractorContract.withRulesEntities(LegalSamples.CONTRACT);

  private FakeOpenAi openai;
  private OpenAiStructuredExtractor extractor;

  @BeforeEach
  void startFake() {
    openai = new FakeOpenAi();
    openai.replyWith(OpenAiFixtures::factsFoundByRules);
    extractor = OpenAiStructuredExtractor.create(OpenAiFixtures.settings(openai));
  }

  @AfterEach
  void stopFake() {
    openai.close();
  }

  @Test
  void sendsTheShippedSchemaAsTheStrictResponseFormat() throws Exception {
    extractor.extract(CONTRACT);

    JsonNode body = openai.received().get(0).body();
    assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.path("messages").get(1).path("content").asText())
        .isEqualTo(LegalSamples.CONTRACT);
    JsonNode format = body.path("response_format");
    assertThat(format.path("type").asText()).isEqualTo("json_schema");
    assertThat(format.path("json_schema").path("name").asText()).isEqualTo("document_facts");
    assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
    ObjectNode shipped = (ObjectNode) DocumentFactsJson.schema();
    shipped.remove(List.of("$schema", "$id", "title"));
    assertThat(format.path("json_schema").path("schema")).isEqualTo(shipped);
  }

  @Test
  void sendsNoMoreThanTheConfiguredText() throws Exception {
    OpenAiStructuredExtractor brief =
        new OpenAiStructuredExtractor(
            OpenAiClients.create(
                new OpenAiSettings(
                    Optional.of(new Secret(OpenAiFixtures.API_KEY)),
                    URI.create(openai.baseUrl()),
                    "gpt-4o-mini",
                    Duration.ofSeconds(20),
                    40),
                "STRUCTURED_EXTRACTOR"),
            new OpenAiSettings(
                Optional.of(new Secret(OpenAiFixtures.API_KEY)),
                URI.create(openai.baseUrl()),
                "gpt-4o-mini",
                Duration.ofSeconds(20),
                40));

    brief.extract(CONTRACT);

    assertThat(FakeOpenAi.userMessage(openai.received().get(0).body()))
        .isEqualTo(LegalSamples.CONTRACT.substring(0, 40));
    assertThat(brief.version()).isEqualTo("openai:gpt-4o-mini:facts-v1:max40");
  }

  @Test
  void aReplyThatBreaksTheSchemaIsRetryableAndSaysWhere() {
    openai.replyWith(
        request ->
            "{\"document_type\":\"memo\",\"parties\":[],\"key_dates\":[],\"amounts\":[],"
                + "\"jurisdiction\":null}");

    assertThatThrownBy(() -> extractor.extract(CONTRACT))
        .isInstanceOf(ProviderException.Retryable.class)
        .hasMessageContaining("document-facts.schema.json")
        .hasMessageContaining("document_type");
  }

  @Test
  void rateLimitsAreRetryableAndBadRequestsPermanent() {
    openai.failNext(429, "rate_limit_exceeded", "Rate limit reached");
    openai.failNext(400, "invalid_request_error", "Invalid schema");

    assertThatThrownBy(() -> extractor.extract(CONTRACT))
        .isInstanceOf(ProviderException.Retryable.class)
        .hasMessageContaining("HTTP 429");
    assertThatThrownBy(() -> extractor.extract(CONTRACT))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("HTTP 400");
  }
}
