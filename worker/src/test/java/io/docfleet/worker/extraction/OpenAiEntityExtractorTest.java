package io.docfleet.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.testing.FakeOpenAi;
import io.docfleet.worker.testing.HttpStub.Received;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The entity request on the wire, how replies become offsets, and how failures are sorted. */
class OpenAiEntityExtractorTest {
  private static final String TEXT = LegalSamples.COMPLAINT;
  private static final Chunk CHUNK = new Chunk("2-abc", 2, 500, 500 + TEXT.length(), "sha", TEXT);

  private FakeOpenAi openai;
  private OpenAiEntityExtractor extractor;

  @BeforeEach
  void startFake() {
    openai = new FakeOpenAi();
    openai.replyWith(OpenAiFixtures::mentionsFoundByRules);
    extractor = OpenAiEntityExtractor.create(OpenAiFixtures.settings(openai));
  }

  @AfterEach
  void stopFake() {
    openai.close();
  }

  @Test
  void asksTheModelForAStrictJsonSchemaReply() throws Exception {
    extractor.extract(CHUNK);

    Received request = openai.received().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + OpenAiFixtures.API_KEY);
    JsonNode body = request.body();
    assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.path("temperature").asDouble()).isZero();
    assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo(TEXT);
    JsonNode format = body.path("response_format");
    assertThat(format.path("type").asText()).isEqualTo("json_schema");
    assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
    JsonNode schema = format.path("json_schema").path("schema");
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.path("required")).extracting(JsonNode::asText).containsExactly("entities");
    JsonNode mention = schema.path("properties").path("entities").path("items");
    if (mention.has("$ref")) {
      mention = schema.at(mention.path("$ref").asText().substring(1));
    }
    assertThat(mention.path("properties").path("type").path("enum"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "PERSON",
            "ORGANIZATION",
            "COURT",
            "DATE",
            "MONEY",
            "CASE_NUMBER",
            "STATUTE",
            "EMAIL",
            "PHONE");
    assertThat(mention.path("properties").path("text").path("type").asText()).isEqualTo("string");
    assertThat(mention.path("required"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("type", "text");
  }

  @Test
  void findsNamedTextsAcrossLineBreaksAndCaseAndDropsInventedOnes() throws Exception {
    openai.replyWith(
        request ->
            """
            {"entities":[
              {"type":"COURT","text":"Court of Appeals for the Ninth Circuit"},
              {"type":"PERSON","text":"jane smith"},
              {"type":"PERSON","text":"Nobody Mentioned"},
              {"type":"EMAIL","text":"jane.roe@example.com"},
              {"type":"EMAIL","text":"jane.roe@example.com"}
            ]}
            """);

    List<Entity> entities = extractor.extract(CHUNK);

    assertThat(entities)
        .extracting(Entity::type, Entity::text, Entity::start, Entity::extractor)
        .containsExactly(
            tuple("person", "Jane Smith", 500 + TEXT.indexOf("Jane Smith"), "openai:gpt-4o-mini"),
            tuple(
                "court",
                "Court of\nAppeals for the Ninth Circuit",
                500 + TEXT.indexOf("Court of\nAppeals"),
                "openai:gpt-4o-mini"),
            tuple(
                "email",
                "jane.roe@example.com",
                500 + TEXT.indexOf("jane.roe@"),
                "openai:gpt-4o-mini"));
  }

  @Test
  void aWholeWordIsNeverFoundInsideAnother() throws Exception {
    String text = "Smithson met Smith.";
    openai.replyWith(request -> "{\"entities\":[{\"type\":\"PERSON\",\"text\":\"Smith\"}]}");

    assertThat(extractor.extract(new Chunk("0-a", 0, 0, text.length(), "sha", text)))
        .extracting(Entity::start)
        .containsExactly(13);
  }

  @Test
  void versionNamesTheModelAndThePrompt() {
    assertThat(extractor.version()).isEqualTo("openai:gpt-4o-mini:entities-v1");
  }

  @Test
  void rateLimitsAndServerErrorsAreRetryable() {
    openai.failNext(429, "rate_limit_exceeded", "Rate limit reached for gpt-4o-mini");
    openai.failNext(500, "server_error", "The server had an error");
    openai.failNext(503, "overloaded", "The engine is currently overloaded");

    for (String status : List.of("HTTP 429", "HTTP 500", "HTTP 503")) {
      assertThatThrownBy(() -> extractor.extract(CHUNK))
          .isInstanceOf(ProviderException.Retryable.class)
          .hasMessageStartingWith("openai: " + status);
    }
    assertThat(openai.received()).hasSize(3);
  }

  @Test
  void aBadRequestFailsForGood() {
    openai.failNext(400, "invalid_request_error", "Invalid schema for response_format");

    assertThatThrownBy(() -> extractor.extract(CHUNK))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("Invalid schema for response_format");
  }

  @Test
  void aRejectedKeyFailsForGoodWithoutShowingIt() {
    openai.failNext(
        401, "invalid_api_key", "Incorrect API key provided: " + OpenAiFixtures.API_KEY);

    assertThatThrownBy(() -> extractor.extract(CHUNK))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("invalid_api_key")
        .hasMessageNotContaining(OpenAiFixtures.API_KEY)
        .hasMessageNotContaining("SECRET")
        .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("SECRET"));
  }

  @Test
  void aRefusalFailsForGood() {
    openai.refuse("I can't help with that.");

    assertThatThrownBy(() -> extractor.extract(CHUNK))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("the model refused: I can't help with that.");
  }

  @Test
  void aReplyCutOffAtTheOutputLimitFailsForGood() {
    openai.finishReason("length");

    assertThatThrownBy(() -> extractor.extract(CHUNK))
        .isInstanceOf(ProviderException.Permanent.class)
        .hasMessageContaining("CHUNK_MAX_CHARS");
  }

  @Test
  void anEntityTypeOutsideTheSchemaIsRetryable() {
    openai.replyWith(request -> "{\"entities\":[{\"type\":\"PLANET\",\"text\":\"Mars\"}]}");

    assertThatThrownBy(() -> extractor.extract(CHUNK))
        .isInstanceOf(ProviderException.Retryable.class)
        .hasMessageContaining("does not match the requested schema");
  }

  @Test
  void aReplyThatIsNotTheSchemaIsRetryable() {
    openai.replyWith(request -> "this is not JSON");

    assertThatThrownBy(() -> extractor.extract(CHUNK))
        .isInstanceOf(ProviderException.Retryable.class)
        .hasMessageContaining("does not match the requested schema");
  }

  @Test
  void aTimeoutIsRetryable() {
    OpenAiEntityExtractor impatient =
        OpenAiEntityExtractor.create(OpenAiFixtures.settings(openai, Duration.ofMillis(300)));
    openai.delay(Duration.ofMillis(1500));

    assertThatThrownBy(() -> impatient.extract(CHUNK))
        .isInstanceOf(ProviderException.Retryable.class)
        .hasMessageContaining("cannot reach " + openai.baseUrl());
  }

  private static String stackTrace(Throwable e) {
    java.io.StringWriter out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}
