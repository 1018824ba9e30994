package io.docfleet.worker.extraction;

class RulesEntityExtractorContractTest extends EntityExtractorContract {
  private final RulesEntityExtractor extractor = new RulesEntityExtractor();

  @Override
  EntityExtractor extractor() {
    return extractor;
  }
}
