package io.docfleet.spend;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a spend report may group by ({@code by=day,provider,...}): each with its wire name and the
 * fixed SQL expression over {@code provider_calls} it stands for (never text a client sent).
 */
public enum SpendDimension {
  /** The UTC day of the call, {@code 2026-12-07}. */
  DAY("day", "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"),
  PROVIDER("provider", "provider"),
  OPERATION("operation", "operation"),
  MODEL("model", "model"),
  /** The task's group (a client or tenant); null where the submit named none. */
  GROUP("group", "group_name"),
  DOCUMENT("document", "document_id");

  /** The wire names, for messages: {@code day, provider, ...}. */
  public static final String NAMES =
      Arrays.stream(values()).map(SpendDimension::wireName).collect(Collectors.joining(", "));

  private final String wireName;
  private final String sql;

  SpendDimension(String wireName, String sql) {
    this.wireName = wireName;
    this.sql = sql;
  }

  public String wireName() {
    return wireName;
  }

  String sql() {
    return sql;
  }

  public static Optional<SpendDimension> fromWireName(String name) {
    return Arrays.stream(values()).filter(d -> d.wireName.equals(name)).findFirst();
  }
}
