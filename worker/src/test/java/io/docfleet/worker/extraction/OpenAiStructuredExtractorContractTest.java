package io.docfleet.worker.extraction;

import io.docfleet.worker.testing.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The real OpenAI client against {@link FakeOpenAi}, a model that reports what the rules find. */
class OpenAiStructuredExtractorContractTest extends StructuredExtractorContract {
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

  @Override
  StructuredExtractor extractor() {
    return extractor;
  }
}
