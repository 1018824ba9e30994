package io.docfleet.api.background;

import io.docfleet.document.Entity;
import io.docfleet.document.PageText;
import io.docfleet.store.ChunkStore;
import io.docfleet.store.DocumentQueries;
import io.docfleet.store.DocumentStore;
import io.docfleet.store.Documents;
import io.docfleet.store.EntityStore;
import io.docfleet.store.PageStore;
import io.docfleet.store.ProviderCallStore;
import io.docfleet.store.StageEngineStore;
import io.docfleet.store.StructuredResult;
import io.docfleet.store.StructuredResultStore;
import io.docfleet.store.TextractJobStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A store that counts, per document, how often each stage wrote its results. */
final class CountingStore implements DocumentStore {
  final Map<String, Integer> pageWrites = new ConcurrentHashMap<>();
  final Map<String, Integer> entityWrites = new ConcurrentHashMap<>();
  final Map<String, Integer> structuredWrites = new ConcurrentHashMap<>();
  private final DocumentStore store;

  CountingStore(DocumentStore store) {
    this.store = store;
  }

  @Override
  public Documents documents() {
    return store.documents();
  }

  @Override
  public DocumentQueries documentQueries() {
    return store.documentQueries();
  }

  @Override
  public PageStore pages() {
    return new PageStore() {
      @Override
      public int savePages(String documentId, List<PageText> pages) {
        pageWrites.merge(documentId, 1, Integer::sum);
        return store.pages().savePages(documentId, pages);
      }

      @Override
      public List<PageText> pages(String documentId) {
        return store.pages().pages(documentId);
      }
    };
  }

  @Override
  public ChunkStore chunks() {
    return store.chunks();
  }

  @Override
  public EntityStore entities() {
    return new EntityStore() {
      @Override
      public int replaceEntities(String documentId, String extractor, List<Entity> entities) {
        entityWrites.merge(documentId, 1, Integer::sum);
        return store.entities().replaceEntities(documentId, extractor, entities);
      }

      @Override
      public List<Entity> entities(String documentId) {
        return store.entities().entities(documentId);
      }
    };
  }

  @Override
  public StructuredResultStore structuredResults() {
    return new StructuredResultStore() {
      @Override
      public int save(StructuredResult result) {
        structuredWrites.merge(result.documentId(), 1, Integer::sum);
        return store.structuredResults().save(result);
      }

      @Override
      public Optional<StructuredResult> latest(String documentId, String extractor) {
        return store.structuredResults().latest(documentId, extractor);
      }

      @Override
      public List<StructuredResult> latestOfEach(String documentId) {
        return store.structuredResults().latestOfEach(documentId);
      }
    };
  }

  @Override
  public TextractJobStore textractJobs() {
    return store.textractJobs();
  }

  @Override
  public StageEngineStore stageEngines() {
    return store.stageEngines();
  }

  @Override
  public ProviderCallStore providerCalls() {
    return store.providerCalls();
  }
}
