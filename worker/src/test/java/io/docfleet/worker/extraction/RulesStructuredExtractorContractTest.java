package io.docfleet.worker.extraction;

class RulesStructuredExtractorContractTest extends StructuredExtractorContract {
  private final RulesStructuredExtractor extractor = new RulesStructuredExtractor();

  @Override
  StructuredExtractor extractor() {
    return extractor;
  }
}
