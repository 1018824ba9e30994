package io.docfleet.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.background.CacheWarmer;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Fields;
import io.docfleet.api.http.Route;
import io.docfleet.cache.CacheInspector;
import io.docfleet.cache.CacheJanitor;
import io.docfleet.cache.CacheMetricsSnapshot;
import io.docfleet.cache.CacheType;
import io.docfleet.cache.DocumentInvalidation;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/cache}: the provider cache's hit and miss counters, invalidation of a document
 * (its cache keys and OCR job records, {@link DocumentInvalidation}) or a pattern, and warming: the
 * chosen documents' results go from PostgreSQL into the cache, keyed by the engines their stages
 * recorded ({@link CacheWarmer}).
 */
public final class CacheRoutes {
  private static final String BASE = "/api/v1/cache";
  private static final int MAX_WARM = 500;

  private final ApiContext api;
  private final CacheInspector inspector;
  private final CacheJanitor janitor;
  private final DocumentInvalidation invalidation;
  private final CacheWarmer warmer;

  public CacheRoutes(ApiContext api, CacheWarmer warmer) {
    this.api = api;
    this.inspector = new CacheInspector(api.cacheFleet());
    this.janitor = new CacheJanitor(api.cacheFleet());
    this.invalidation =
        new DocumentInvalidation(api.fleet(), api.cache(), api.store().textractJobs());
    this.warmer = warmer;
  }

  public List<Route> routes() {
    return List.of(
        Route.get(BASE + "/metrics", Access.READ, this::metrics),
        Route.get(BASE + "/documents", Access.READ, this::documents),
        Route.post(BASE + "/warm", this::warm),
        Route.post(BASE + "/invalidate", this::invalidate));
  }

  private void metrics(Context http) {
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    answer.put("enabled", api.cacheEnabled());
    answer.set("total", snapshot(inspector.total()));
    ObjectNode byType = answer.putObject("byType");
    for (CacheType type : CacheType.values()) {
      byType.set(type.wireName(), snapshot(inspector.metrics(type)));
    }
    http.json(answer);
  }

  /** The documents that avoided the most provider calls ({@link CacheSavings}). */
  private void documents(Context http) {
    int limit = Fields.queryInt(http.queryParam("limit"), "limit", 20, 1, 1000);
    CacheSavings.Top top = new CacheSavings(api.fleet(), api.store()).top(limit);
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    answer.put("among", top.among());
    answer.set("entries", api.bodies().mapper().valueToTree(top.entries()));
    http.json(answer);
  }

  private ObjectNode snapshot(CacheMetricsSnapshot s) {
    ObjectNode node = api.bodies().mapper().createObjectNode();
    node.put("hits", s.hits());
    node.put("misses", s.misses());
    node.put("errors", s.errors());
    node.put("timeouts", s.timeouts());
    node.put("lockTimeouts", s.lockTimeouts());
    node.put("hitRate", s.hitRate());
    return node;
  }

  private void invalidate(Context http) {
    JsonNode body = api.bodies().read(http);
    Optional<String> documentId =
        Fields.optionalText(body, "documentId").map(id -> Fields.documentId("documentId", id));
    Optional<String> pattern = Fields.optionalText(body, "pattern");
    if (documentId.isPresent() == pattern.isPresent()) {
      throw ApiException.badRequest("documentId", "give exactly one of 'documentId' or 'pattern'");
    }
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    if (documentId.isPresent()) {
      DocumentInvalidation.Forgotten forgotten =
          invalidation.invalidate(documentId.get(), "asked through the API");
      answer.put("documentId", documentId.get());
      answer.put("keysRemoved", forgotten.keys());
      answer.put("cacheKeysRemoved", forgotten.cacheKeys());
      answer.put("ocrJobKeysRemoved", forgotten.ocrJobKeys());
    } else {
      long removed;
      try {
        removed = janitor.invalidateMatching(pattern.get());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("pattern", e.getMessage());
      }
      answer.put("pattern", pattern.get());
      answer.put("keysRemoved", removed);
    }
    http.json(answer);
  }

  private void warm(Context http) {
    JsonNode body = api.bodies().read(http);
    List<String> ids = Fields.optionalTexts(body, "documentIds");
    if (ids.isEmpty() || ids.size() > MAX_WARM) {
      throw ApiException.badRequest(
          "documentIds", "'documentIds' must list 1 to " + MAX_WARM + " document ids");
    }
    ids.forEach(id -> Fields.documentId("documentIds", id));
    List<CacheWarmer.DocumentWarmed> outcomes = warmer.warmDocuments(ids);
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    answer.put(
        "warmed", outcomes.stream().filter(o -> o.result() == CacheWarmer.Result.WARMED).count());
    answer.put(
        "entriesWritten",
        outcomes.stream().mapToInt(CacheWarmer.DocumentWarmed::entriesWritten).sum());
    ArrayNode documents = answer.putArray("documents");
    for (CacheWarmer.DocumentWarmed outcome : outcomes) {
      documents
          .addObject()
          .put("documentId", outcome.documentId())
          .put("result", outcome.result().name().toLowerCase(java.util.Locale.ROOT))
          .put("entriesWritten", outcome.entriesWritten());
    }
    http.json(answer);
  }
}
