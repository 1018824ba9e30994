package io.docfleet.api.health;

/** One thing an operator should look at: how bad it is, a stable code, and what is wrong. */
public record Issue(Severity severity, String code, String message) {

  /** How bad an issue is; the report's status is its worst issue. */
  public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
      return name().toLowerCase();
    }
  }
}
