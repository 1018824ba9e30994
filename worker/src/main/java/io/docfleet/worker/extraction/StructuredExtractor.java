package io.docfleet.worker.extraction;

import io.docfleet.worker.provider.Metered;
import io.docfleet.worker.provider.ProviderException;

/**
 * Reads one document's structured facts (chosen by {@code STRUCTURED_EXTRACTOR}); the result is
 * always valid against {@code document-facts.schema.json}. {@link #name()} and {@link #version()}
 * go into cache keys.
 */
public interface StructuredExtractor {

  /** {@code rules} or {@code openai}. */
  String name();

  /** Changes whenever the same document could give other facts (rules, model, prompt). */
  String version();

  DocumentFacts extract(StructuredInput input) throws ProviderException;

  /** {@link #extract} with what its provider calls billed: nothing, unless the provider is paid. */
  default Metered<DocumentFacts> extractMetered(StructuredInput input) throws ProviderException {
    return Metered.free(extract(input));
  }
}
