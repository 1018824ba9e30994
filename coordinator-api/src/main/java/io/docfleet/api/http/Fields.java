package io.docfleet.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.config.TaskTypeNames;
import io.docfleet.document.DocumentIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks on request fields and parameters; each failure names the field. */
public final class Fields {
  private Fields() {}

  /** An optional string field; 400 when present but not a string. */
  public static Optional<String> optionalText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw ApiException.badRequest(field, "'" + field + "' must be a non-empty string");
    }
    return Optional.of(plainText(field, value.asText()).trim());
  }

  /** An optional list of non-empty strings. */
  public static List<String> optionalTexts(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw ApiException.badRequest(field, "'" + field + "' must be an array of strings");
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw ApiException.badRequest(field, "'" + field + "' must be an array of strings");
      }
      texts.add(plainText(field + "[" + texts.size() + "]", item.asText()));
    }
    return texts;
  }

  /**
   * {@code value} when it holds no control character (U+0000 to U+001F, U+007F to U+009F); else 400
   * naming {@code field}. No name, id, source, media type or pattern has one, and PostgreSQL
   * refuses a NUL in any text.
   */
  public static String plainText(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw ApiException.badRequest(
            field,
            String.format(
                "'%s' must not contain control characters (U+%04X at position %d)",
                field, (int) c, i));
      }
    }
    return value;
  }

  /** An optional whole number within [min, max]. */
  public static int optionalInt(JsonNode body, String field, int defaultValue, int min, int max) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
      throw ApiException.badRequest(
          field, "'" + field + "' must be a whole number from " + min + " to " + max);
    }
    return value.asInt();
  }

  /** An optional boolean. */
  public static boolean optionalBool(JsonNode body, String field, boolean defaultValue) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.isBoolean()) {
      throw ApiException.badRequest(field, "'" + field + "' must be true or false");
    }
    return value.asBoolean();
  }

  /** A query parameter as a whole number within [min, max]. */
  public static int queryInt(String raw, String name, int defaultValue, int min, int max) {
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(
        name, "query parameter '" + name + "' must be a whole number from " + min + " to " + max);
  }

  /** A document id, from a body or the path; 400 naming {@code field} when it breaks the rule. */
  public static String documentId(String field, String id) {
    if (!DocumentIds.isValid(id)) {
      throw ApiException.badRequest(field, "'" + field + "': " + DocumentIds.RULE);
    }
    return id;
  }

  /** A task type from the path; 400 naming {@code type} when it is not a valid name. */
  public static String taskType(String type) {
    if (!TaskTypeNames.isValid(type)) {
      throw ApiException.badRequest("type", "'type' must be " + TaskTypeNames.ACCEPTS);
    }
    return type;
  }

  /** The most characters of a task or worker id a path may name. */
  public static final int MAX_LOOKUP_ID = 200;

  /**
   * A task or worker id from the path, to look up: 1 to {@value #MAX_LOOKUP_ID} printable ASCII
   * characters other than space, quotes, backquote, slash and backslash (the ids docfleet makes and
   * workers' host names all are); else 400 naming {@code field}, before any lookup.
   */
  public static String lookupId(String field, String id) {
    boolean valid = id != null && !id.isEmpty() && id.length() <= MAX_LOOKUP_ID;
    for (int i = 0; valid && i < id.length(); i++) {
      char c = id.charAt(i);
      valid = c > ' ' && c < 0x7f && "\"'`/\\".indexOf(c) < 0;
    }
    if (!valid) {
      throw ApiException.badRequest(
          field,
          "'"
              + field
              + "' must be 1 to "
              + MAX_LOOKUP_ID
              + " printable ASCII characters, without spaces, quotes, backquotes or slashes");
    }
    return id;
  }
}
