package io.docfleet.worker.extraction;

import io.docfleet.worker.testing.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The real OpenAI client against {@link FakeOpenAi}, a model that names what the rules find. */
class OpenAiEntityExtractorContractTest extends EntityExtractorContract {
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

  @Override
  EntityExtractor extractor() {
    return extractor;
  }
}
