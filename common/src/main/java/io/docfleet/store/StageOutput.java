package io.docfleet.store;

import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.document.PageText;
import java.util.List;
import java.util.Objects;

/** What a finished pipeline stage writes to the system of record: one kind per stage. */
public sealed interface StageOutput {

  /** The {@code ocr} stage: the page texts and the chunks cut from them. */
  record Pages(List<PageText> pages, List<Chunk> chunks) implements StageOutput {
    public Pages {
      pages = List.copyOf(pages);
      chunks = List.copyOf(chunks);
    }
  }

  /** The {@code entities} stage: the entities {@code extractor} found. */
  record Entities(String extractor, List<Entity> entities) implements StageOutput {
    public Entities {
      Objects.requireNonNull(extractor, "extractor");
      entities = List.copyOf(entities);
    }
  }

  /** The {@code structured} stage: its result. */
  record Structured(StructuredResult result) implements StageOutput {
    public Structured {
      Objects.requireNonNull(result, "result");
    }
  }
}
