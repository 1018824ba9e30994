package io.docfleet.api.documents;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.auth.Caller;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Fields;
import io.docfleet.task.Placement;
import io.docfleet.task.Priority;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * A submit's or reprocess's {@code priority} and {@code group}, from a JSON body or a multipart
 * form, checked: a priority other than high, normal or low is a 400; the group is the caller's
 * token's name when it has one, else the one named ({@link Caller#groupFor}: a malformed name is a
 * 400, one other than the token's a 403).
 */
final class PlacementFields {
  static final String PRIORITY = "priority";
  static final String GROUP = "group";

  private PlacementFields() {}

  /**
   * True when the request says where the tasks wait: its body names a priority or a group, or its
   * token has a name (whose group it always submits in).
   */
  static boolean given(Context http, JsonNode body) {
    return (body != null && (body.has(PRIORITY) || body.has(GROUP)))
        || Caller.of(http).name().isPresent();
  }

  static Placement ofJson(Context http, JsonNode body) {
    return of(http, Fields.optionalText(body, PRIORITY), Fields.optionalText(body, GROUP));
  }

  static Placement ofForm(Context http) {
    return of(http, formField(http, PRIORITY), formField(http, GROUP));
  }

  private static Placement of(Context http, Optional<String> priority, Optional<String> group) {
    return new Placement(priority(priority), Caller.of(http).groupFor(group, GROUP));
  }

  /** A multipart form field, trimmed; empty when absent or blank. */
  private static Optional<String> formField(Context http, String name) {
    return Optional.ofNullable(http.formParam(name))
        .filter(s -> !s.isBlank())
        .map(s -> Fields.plainText(name, s).trim());
  }

  /** The lane the document's tasks wait in: {@code priority}, normal when absent; else 400. */
  private static Priority priority(Optional<String> given) {
    return given
        .map(
            value ->
                Priority.fromWire(value.trim())
                    .orElseThrow(
                        () ->
                            ApiException.badRequest(
                                PRIORITY,
                                "priority must be " + Priority.ACCEPTS + ", got '" + value + "'")))
        .orElse(Priority.NORMAL);
  }
}
