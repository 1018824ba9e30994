package io.docfleet.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.ApiContext;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Fields;
import io.docfleet.api.http.Route;
import io.docfleet.cache.CacheInspector;
import io.docfleet.cache.CacheJanitor;
import io.docfleet.cache.CacheMetricsSnapshot;
import io.docfleet.cache.CacheType;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/cache}: the provider cache's hit and miss counters, invalidation of a document or
 * a pattern, and warming. Warming reports, for each document, whether its OCR result is cached; it
 * cannot yet write results from PostgreSQL into the cache, because the cache key names the engine
 * and version that computed a result and PostgreSQL does not keep them (see the README).
 */
public final class CacheRoutes {
  private static final String BASE = "/api/v1/cache";
  private static final int MAX_WARM = 500;

  private final ApiContext ctx;
  private final CacheInspector inspector;
  private final CacheJanitor janitor;

  public CacheRoutes(ApiContext ctx) {
    this.ctx = ctx;
    this.inspector = new CacheInspector(ctx.cacheFleet());
    this.janitor = new CacheJanitor(ctx.cacheFleet());
  }

  public List<Route> routes() {
    return List.of(
        Route.get(BASE + "/metrics", Access.READ, this::metrics),
        Route.post(BASE + "/warm", this::warm),
        Route.post(BASE + "/invalidate", this::invalidate));
  }

  private void metrics(Context http) {
    ObjectNode answer = ctx.bodies().mapper().createObjectNode();
    answer.put("enabled", ctx.config().cache().enabled());
    answer.set("total", snapshot(inspector.total()));
    ObjectNode byType = answer.putObject("byType");
    for (CacheType type : CacheType.values()) {
      byType.set(type.wireName(), snapshot(inspector.metrics(type)));
    }
    http.json(answer);
  }

  private ObjectNode snapshot(CacheMetricsSnapshot s) {
    ObjectNode node = ctx.bodies().mapper().createObjectNode();
    node.put("hits", s.hits());
    node.put("misses", s.misses());
    node.put("errors", s.errors());
    node.put("timeouts", s.timeouts());
    node.put("lockTimeouts", s.lockTimeouts());
    node.put("hitRate", s.hitRate());
    return node;
  }

  private void invalidate(Context http) {
    JsonNode body = ctx.bodies().read(http);
    Optional<String> documentId = Fields.optionalText(body, "documentId");
    Optional<String> pattern = Fields.optionalText(body, "pattern");
    if (documentId.isPresent() == pattern.isPresent()) {
      throw ApiException.badRequest("documentId", "give exactly one of 'documentId' or 'pattern'");
    }
    ObjectNode answer = ctx.bodies().mapper().createObjectNode();
    if (documentId.isPresent()) {
      answer.put("documentId", documentId.get());
      answer.put("keysRemoved", ctx.cache().invalidate(documentId.get()));
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
    JsonNode body = ctx.bodies().read(http);
    List<String> ids = Fields.optionalTexts(body, "documentIds");
    if (ids.isEmpty() || ids.size() > MAX_WARM) {
      throw ApiException.badRequest(
          "documentIds", "'documentIds' must list 1 to " + MAX_WARM + " document ids");
    }
    ObjectNode answer = ctx.bodies().mapper().createObjectNode();
    answer.put("warmed", 0);
    answer.put(
        "pending",
        "writing results from PostgreSQL into the cache needs the engine and version that computed"
            + " them, which PostgreSQL does not keep yet; reprocess a document to cache it again");
    ArrayNode documents = answer.putArray("documents");
    for (String id : ids) {
      boolean known = ctx.store().documents().find(id).isPresent();
      boolean cached =
          ctx.config().cache().enabled()
              && ctx.cacheFleet()
                  .redis()
                  .getBucket(ctx.cacheFleet().keys().documentPointer(CacheType.OCR.wireName(), id))
                  .isExists();
      documents.addObject().put("documentId", id).put("known", known).put("ocrCached", cached);
    }
    http.json(answer);
  }
}
