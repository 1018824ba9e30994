package io.docfleet.spend;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * What the providers cost, read from the spend ledger ({@code provider_calls}): spent (rows with
 * {@code cached = false}) and saved ({@code cached = true}) in USD, calls, and units summed by unit
 * name, over a range of UTC days, grouped by any {@link SpendDimension}. PostgreSQL does the adding
 * ({@code GROUP BY}, {@code jsonb_each} over the units) and keeps the {@code limit} groups that
 * cost the most; the rows come back ordered by day (when grouped by day), then most spent first.
 * The totals and the rows are two statements on one connection.
 */
public final class SpendReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Long>> UNITS = new TypeReference<>() {};

  private final DataSource dataSource;

  public SpendReport(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public SpendSheet report(SpendQuery query) {
    try (Connection connection = dataSource.getConnection()) {
      Selected all = select(connection, query, List.of(), 1);
      SpendRow totals = all.rows().isEmpty() ? SpendRow.none() : all.rows().get(0);
      if (query.by().isEmpty()) {
        return new SpendSheet(query, totals, all.rows(), all.groups(), false);
      }
      Selected kept = select(connection, query, query.by(), query.limit());
      return new SpendSheet(
          query,
          totals,
          ordered(kept.rows(), query),
          kept.groups(),
          kept.groups() > kept.rows().size());
    } catch (SQLException e) {
      throw new SpendException("cannot read the spend ledger: " + e.getMessage(), e);
    }
  }

  /** The rows a statement kept, and how many groups there were before the limit. */
  private record Selected(List<SpendRow> rows, long groups) {}

  /**
   * One statement: the calls of the range with their group keys ({@code k0}, {@code k1}...), the
   * money and counts by group (the {@code limit} costliest, with how many groups there were), and
   * each kept group's units by name, billed and cached apart.
   */
  private static Selected select(
      Connection connection, SpendQuery query, List<SpendDimension> by, int limit)
      throws SQLException {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < by.size(); i++) {
      keys.add("k" + i);
    }
    String keyColumns = keys.stream().map(k -> k + ", ").collect(Collectors.joining());
    StringBuilder selectKeys = new StringBuilder();
    for (int i = 0; i < by.size(); i++) {
      selectKeys.append(by.get(i).sql()).append(" AS k").append(i).append(", ");
    }
    String groupBy = by.isEmpty() ? " HAVING count(*) > 0" : " GROUP BY " + String.join(", ", keys);
    String orderKeys =
        keys.stream().map(k -> ", " + k + " NULLS LAST").collect(Collectors.joining());
    String sameGroup =
        keys.stream()
            .map(k -> " AND u." + k + " IS NOT DISTINCT FROM g." + k)
            .collect(Collectors.joining());
    String sql =
        "WITH calls AS (SELECT "
            + selectKeys
            + "cached, cost_usd, units FROM provider_calls WHERE at >= ? AND at < ?),"
            + " sums AS (SELECT "
            + keyColumns
            + "coalesce(sum(cost_usd) FILTER (WHERE NOT cached), 0) AS spent,"
            + " coalesce(sum(cost_usd) FILTER (WHERE cached), 0) AS saved,"
            + " count(*) FILTER (WHERE NOT cached) AS calls,"
            + " count(*) FILTER (WHERE cached) AS cached_calls FROM calls"
            + groupBy
            + "),"
            + " g AS (SELECT *, count(*) OVER () AS groups FROM sums"
            + " ORDER BY spent + saved DESC"
            + orderKeys
            + " LIMIT ?),"
            + " u AS (SELECT "
            + keyColumns
            + "cached, e.key, sum((e.value #>> '{}')::numeric) AS amount"
            + " FROM calls CROSS JOIN LATERAL jsonb_each(units) e"
            + " WHERE jsonb_typeof(e.value) = 'number'"
            + " GROUP BY "
            + keyColumns
            + "cached, e.key)"
            + " SELECT g.*,"
            + " (SELECT jsonb_object_agg(u.key, u.amount) FROM u WHERE NOT u.cached"
            + sameGroup
            + ") AS units,"
            + " (SELECT jsonb_object_agg(u.key, u.amount) FROM u WHERE u.cached"
            + sameGroup
            + ") AS cached_units FROM g";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, startOf(query.from()));
      statement.setObject(2, startOf(query.to()));
      statement.setInt(3, limit);
      List<SpendRow> rows = new ArrayList<>();
      long groups = 0;
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          groups = row.getLong("groups");
          rows.add(read(row, by));
        }
      }
      return new Selected(rows, groups);
    }
  }

  private static SpendRow read(ResultSet row, List<SpendDimension> by) throws SQLException {
    Map<SpendDimension, String> keys = new LinkedHashMap<>();
    for (int i = 0; i < by.size(); i++) {
      keys.put(by.get(i), row.getString("k" + i));
    }
    return new SpendRow(
        keys,
        row.getBigDecimal("spent"),
        row.getBigDecimal("saved"),
        row.getLong("calls"),
        row.getLong("cached_calls"),
        units(row.getString("units")),
        units(row.getString("cached_units")));
  }

  private static Map<String, Long> units(String json) throws SQLException {
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, UNITS);
    } catch (IOException e) {
      throw new SQLException("units that are not whole numbers: " + json, e);
    }
  }

  /** By day, oldest first, when grouped by day; then most spent, most saved, and keys. */
  private static List<SpendRow> ordered(List<SpendRow> rows, SpendQuery query) {
    Comparator<String> text = Comparator.nullsLast(Comparator.naturalOrder());
    Comparator<SpendRow> order =
        Comparator.comparing((SpendRow r) -> r.keys().getOrDefault(SpendDimension.DAY, ""), text);
    order =
        order
            .thenComparing(SpendRow::spentUsd, Comparator.reverseOrder())
            .thenComparing(SpendRow::savedUsd, Comparator.reverseOrder());
    for (SpendDimension dimension : query.by()) {
      order = order.thenComparing(r -> r.keys().get(dimension), text);
    }
    return rows.stream().sorted(order).toList();
  }

  private static OffsetDateTime startOf(LocalDate day) {
    return day.atStartOfDay().atOffset(ZoneOffset.UTC);
  }
}
