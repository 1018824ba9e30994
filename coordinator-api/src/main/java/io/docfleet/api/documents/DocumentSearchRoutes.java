package io.docfleet.api.documents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Fields;
import io.docfleet.api.http.Route;
import io.docfleet.document.DocumentStatus;
import io.docfleet.store.DocumentRecord;
import io.docfleet.store.DocumentSearch;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/documents}: the console's document search, newest first: {@code q} (a prefix
 * of the id or a part of the name, case-insensitive, taken literally), {@code status}, {@code
 * source} (the start of the source), {@code from} and {@code to} (ISO-8601 instants, on the
 * creation time, {@code from} inclusive and {@code to} exclusive), {@code offset} and {@code
 * limit}. A parameter that breaks its rule is a 400 naming it.
 */
public final class DocumentSearchRoutes {
  private static final int MAX_TEXT = 200;
  private static final String STATUSES =
      Arrays.stream(DocumentStatus.values())
          .map(DocumentStatus::wireName)
          .collect(Collectors.joining(", "));

  private final ApiContext api;

  public DocumentSearchRoutes(ApiContext api) {
    this.api = api;
  }

  public List<Route> routes() {
    return List.of(Route.get(DocumentRoutes.BASE, Access.READ, this::search));
  }

  private void search(Context http) {
    Optional<Instant> from = instant(http, "from");
    Optional<Instant> to = instant(http, "to");
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw ApiException.badRequest("to", "'to' must be later than 'from'");
    }
    DocumentSearch search =
        new DocumentSearch(text(http, "q"), status(http), text(http, "source"), from, to);
    int offset =
        Fields.queryInt(http.queryParam("offset"), "offset", 0, 0, Integer.MAX_VALUE - 1000);
    int limit = Fields.queryInt(http.queryParam("limit"), "limit", 50, 1, 1000);
    DocumentSearch.Page page = api.store().documentQueries().search(search, offset, limit);
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    answer.put("total", page.total());
    answer.put("offset", offset);
    answer.put("limit", limit);
    ArrayNode entries = answer.putArray("entries");
    for (DocumentRecord document : page.documents()) {
      entries
          .addObject()
          .put("id", document.id())
          .put("name", document.file().name())
          .put("status", document.status().wireName())
          .put("stage", document.stage().taskType())
          .put("source", document.file().source())
          .put("mediaType", document.file().mediaType())
          .put("sizeBytes", document.file().sizeBytes())
          .put("attempts", document.attempts())
          .put("error", document.error().orElse(null))
          .put("createdAt", document.createdAt().toString())
          .put("updatedAt", document.updatedAt().toString())
          .put("completedAt", document.completedAt().map(Instant::toString).orElse(null));
    }
    http.json(answer);
  }

  private static Optional<String> text(Context http, String name) {
    String value = http.queryParam(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    if (value.length() > MAX_TEXT) {
      throw ApiException.badRequest(
          name, "query parameter '" + name + "' must be at most " + MAX_TEXT + " characters");
    }
    return Optional.of(Fields.plainText(name, value.trim()));
  }

  private static Optional<DocumentStatus> status(Context http) {
    String value = http.queryParam("status");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    for (DocumentStatus status : DocumentStatus.values()) {
      if (status.wireName().equals(value.trim())) {
        return Optional.of(status);
      }
    }
    throw ApiException.badRequest("status", "query parameter 'status' must be one of " + STATUSES);
  }

  private static Optional<Instant> instant(Context http, String name) {
    String value = http.queryParam(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(value.trim()).toInstant());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          name,
          "query parameter '"
              + name
              + "' must be an ISO-8601 instant with its offset, such as 2026-12-07T15:00:00Z");
    }
  }
}
