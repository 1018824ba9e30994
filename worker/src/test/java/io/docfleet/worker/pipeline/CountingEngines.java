package io.docfleet.worker.pipeline;

import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.document.PageText;
import io.docfleet.worker.extraction.DocumentFacts;
import io.docfleet.worker.extraction.EntityExtractor;
import io.docfleet.worker.extraction.StructuredExtractor;
import io.docfleet.worker.extraction.StructuredInput;
import io.docfleet.worker.ocr.OcrEngine;
import io.docfleet.worker.ocr.OcrInput;
import io.docfleet.worker.provider.ProviderException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The local engines, counting every call: what a paid provider would bill. */
final class CountingEngines {
  final AtomicInteger ocrCalls = new AtomicInteger();
  final AtomicInteger entityCalls = new AtomicInteger();
  final AtomicInteger structuredCalls = new AtomicInteger();

  OcrEngine ocr(OcrEngine engine) {
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
        ocrCalls.incrementAndGet();
        return engine.recognize(input);
      }
    };
  }

  EntityExtractor entities(EntityExtractor extractor) {
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
        entityCalls.incrementAndGet();
        return extractor.extract(chunk);
      }
    };
  }

  StructuredExtractor structured(StructuredExtractor extractor) {
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
        structuredCalls.incrementAndGet();
        return extractor.extract(input);
      }
    };
  }
}
