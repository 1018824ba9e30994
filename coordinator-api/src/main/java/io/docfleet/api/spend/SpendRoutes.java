package io.docfleet.api.spend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.Route;
import io.docfleet.spend.SpendDimension;
import io.docfleet.spend.SpendReport;
import io.docfleet.spend.SpendRow;
import io.docfleet.spend.SpendSheet;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/spend}: what the providers cost, from the spend ledger ({@link SpendReport}):
 * spent and saved in USD, calls and units by name, over {@code from} (inclusive) to {@code to}
 * (exclusive) UTC days, default this UTC month, grouped by {@code by}. Money is a decimal string,
 * exact ({@link SpendRow#money}). The parameters' rules are {@link SpendParameters}'.
 */
public final class SpendRoutes {
  public static final String PATH = "/api/v1/spend";

  private final ApiContext api;
  private final SpendReport report;

  public SpendRoutes(ApiContext api) {
    this.api = api;
    this.report = new SpendReport(api.database().dataSource());
  }

  public List<Route> routes() {
    return List.of(Route.get(PATH, Access.READ, this::spend));
  }

  private void spend(Context http) {
    SpendSheet sheet = report.report(SpendParameters.read(http, api.fleet().clock()));
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    answer.put("from", sheet.query().from().toString());
    answer.put("to", sheet.query().to().toString());
    ArrayNode by = answer.putArray("by");
    sheet.query().by().forEach(d -> by.add(d.wireName()));
    figures(answer, sheet.totals());
    answer.put("groups", sheet.groups());
    answer.put("truncated", sheet.truncated());
    answer.put("limit", sheet.query().limit());
    ArrayNode rows = answer.putArray("rows");
    for (SpendRow row : sheet.rows()) {
      ObjectNode node = rows.addObject();
      for (Map.Entry<SpendDimension, String> key : row.keys().entrySet()) {
        node.put(key.getKey().wireName(), key.getValue());
      }
      figures(node, row);
    }
    http.json(answer);
  }

  private static void figures(ObjectNode node, SpendRow row) {
    node.put("spentUsd", SpendRow.money(row.spentUsd()));
    node.put("savedUsd", SpendRow.money(row.savedUsd()));
    node.put("calls", row.calls());
    node.put("cachedCalls", row.cachedCalls());
    ObjectNode units = node.putObject("units");
    row.units().forEach(units::put);
    ObjectNode cachedUnits = node.putObject("cachedUnits");
    row.cachedUnits().forEach(cachedUnits::put);
  }
}
