package io.docfleet.worker.extraction;

import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.worker.provider.Metered;
import io.docfleet.worker.provider.ProviderException;
import java.util.List;

/**
 * Finds the entities of one chunk (chosen by {@code ENTITY_EXTRACTOR}). Offsets are in the whole
 * document text, so {@code text.substring(e.start(), e.end())} is {@code e.text()}; the list is
 * ordered by offset. {@link #name()} and {@link #version()} go into cache keys.
 */
public interface EntityExtractor {

  /** {@code rules} or {@code openai}. */
  String name();

  /**
   * What its entities carry as {@link Entity#extractor()}, under which they are stored: the name,
   * with the model where there is one ({@code openai:gpt-4o-mini}).
   */
  default String label() {
    return name();
  }

  /** Changes whenever the same chunk could give other entities (patterns, model, prompt). */
  String version();

  List<Entity> extract(Chunk chunk) throws ProviderException;

  /** {@link #extract} with what its provider calls billed: nothing, unless the provider is paid. */
  default Metered<List<Entity>> extractMetered(Chunk chunk) throws ProviderException {
    return Metered.free(extract(chunk));
  }
}
