package io.docfleet.worker.testing;

import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.document.PageText;
import io.docfleet.worker.extraction.DocumentFacts;
import io.docfleet.worker.extraction.EntityExtractor;
import io.docfleet.worker.extraction.StructuredExtractor;
import io.docfleet.worker.extraction.StructuredInput;
import io.docfleet.worker.ocr.OcrEngine;
import io.docfleet.worker.ocr.OcrInput;
import io.docfleet.worker.provider.Metered;
import io.docfleet.worker.provider.ProviderException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Engines wrapped to count every call: what a paid provider would bill. Shared with the
 * coordinator's tests through the worker's test-jar.
 */
public final class CountingEngines {
  public final AtomicInteger ocrCalls = new AtomicInteger();
  public final AtomicInteger entityCalls = new AtomicInteger();
  public final AtomicInteger structuredCalls = new AtomicInteger();

  public OcrEngine ocr(OcrEngine engine) {
    return new OcrEngine() {
      @Override
      public String name() {
        return engine.name();
      }

      @Override
      public String version() {
        return engine.version();
      }

      @Override
      public List<PageText> recognize(OcrInput input) throws ProviderException {
        return recognizeMetered(input).result();
      }

      @Override
      public Metered<List<PageText>> recognizeMetered(OcrInput input) throws ProviderException {
        ocrCalls.incrementAndGet();
        return engine.recognizeMetered(input);
      }
    };
  }

  public EntityExtractor entities(EntityExtractor extractor) {
    return new EntityExtractor() {
      @Override
      public String name() {
        return extractor.name();
      }

      @Override
      public String version() {
        return extractor.version();
      }

      @Override
      public String label() {
        return extractor.label();
      }

      @Override
      public List<Entity> extract(Chunk chunk) throws ProviderException {
        return extractMetered(chunk).result();
      }

      @Override
      public Metered<List<Entity>> extractMetered(Chunk chunk) throws ProviderException {
        entityCalls.incrementAndGet();
        return extractor.extractMetered(chunk);
      }
    };
  }

  public StructuredExtractor structured(StructuredExtractor extractor) {
    return new StructuredExtractor() {
      @Override
      public String name() {
        return extractor.name();
      }

      @Override
      public String version() {
        return extractor.version();
      }

      @Override
      public DocumentFacts extract(StructuredInput input) throws ProviderException {
        return extractMetered(input).result();
      }

      @Override
      public Metered<DocumentFacts> extractMetered(StructuredInput input) throws ProviderException {
        structuredCalls.incrementAndGet();
        return extractor.extractMetered(input);
      }
    };
  }
}
