package io.docfleet.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** How {@link TaskCodec} reads one field's value, and what it says when the value is wrong. */
final class TaskFields {
  private TaskFields() {}

  static String requiredText(JsonNode value, String field) throws MalformedTaskException {
    if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
      throw new MalformedTaskException("field '" + field + "' is required and must be a string");
    }
    String text = value.asText();
    if (text.isBlank()) {
      throw new MalformedTaskException("field '" + field + "' must not be empty");
    }
    return text;
  }

  static String optionalText(JsonNode value, String field) throws MalformedTaskException {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() && !value.isIntegralNumber()) {
      throw new MalformedTaskException("field '" + field + "' must be a string");
    }
    return value.asText();
  }

  static int intField(JsonNode value, String field, int defaultValue)
      throws MalformedTaskException {
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
      throw new MalformedTaskException("field '" + field + "' must be a whole number >= 0");
    }
    return value.intValue();
  }

  static Instant instant(JsonNode value, String field) throws MalformedTaskException {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return Instant.ofEpochMilli(value.longValue());
    }
    if (value.isTextual()) {
      try {
        return Instant.parse(value.asText());
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new MalformedTaskException(
        "field '" + field + "' must be epoch milliseconds or an ISO-8601 instant");
  }

  /** {@code priority}: absent or null is normal; any text but high, normal or low is malformed. */
  static Priority priority(JsonNode value) throws MalformedTaskException {
    if (value == null || value.isNull()) {
      return Priority.NORMAL;
    }
    return Priority.fromWire(value.isTextual() ? value.asText() : "")
        .orElseThrow(
            () -> new MalformedTaskException("field 'priority' must be " + Priority.ACCEPTS));
  }

  /** {@code group}: absent or null is none; else a name {@link GroupNames} accepts. */
  static String group(JsonNode value) throws MalformedTaskException {
    if (value == null || value.isNull()) {
      return null;
    }
    String name = value.isTextual() ? value.asText() : "";
    if (!GroupNames.isValid(name)) {
      throw new MalformedTaskException("field 'group' must be " + GroupNames.ACCEPTS);
    }
    return name;
  }
}
