package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code docfleet spend}: what the providers cost and what the cache saved, from the spend ledger
 * ({@code GET /api/v1/spend}): a line of totals, then a row per group. Money is shown as the API
 * sends it, an exact decimal, with a dollar sign; the API checks the options.
 */
@Command(
    name = "spend",
    mixinStandardHelpOptions = true,
    description = "What the providers cost and what the cache saved, from the spend ledger.")
final class SpendCommand implements Callable<Integer> {
  static final String PATH = "/api/v1/spend";

  private final CliContext cli;

  @Mixin JsonOption output;

  @Option(
      names = "--from",
      paramLabel = "DAY",
      description = "first UTC day, YYYY-MM-DD (default: the first of this month)")
  String from;

  @Option(
      names = "--to",
      paramLabel = "DAY",
      description = "the UTC day it ends before, YYYY-MM-DD (default: the first of next month)")
  String to;

  @Option(
      names = "--by",
      paramLabel = "NAMES",
      description =
          "group by, comma-separated: day, provider, operation, model, group, document"
              + " (default: provider; none: totals only)")
  String by = "provider";

  @Option(names = "--limit", description = "at most this many rows, the costliest (1 to 1000)")
  Integer limit;

  SpendCommand(CliContext cli) {
    this.cli = cli;
  }

  String path() {
    List<String> query = new ArrayList<>();
    String[][] parameters = {
      {"from", from}, {"to", to}, {"by", by}, {"limit", limit == null ? null : limit.toString()}
    };
    for (String[] parameter : parameters) {
      if (parameter[1] != null) {
        query.add(parameter[0] + "=" + ApiClient.segment(parameter[1]));
      }
    }
    return query.isEmpty() ? PATH : PATH + "?" + String.join("&", query);
  }

  @Override
  public Integer call() {
    JsonNode answer = cli.client().get(path());
    if (output.json) {
      cli.printJson(answer);
      return CliFailure.OK;
    }
    cli.out()
        .printf(
            "%s to %s (UTC, the last day excluded): spent %s on %d calls, saved %s on %d cache"
                + " hits%n",
            Formats.text(answer, "from"),
            Formats.text(answer, "to"),
            usd(answer, "spentUsd"),
            Formats.number(answer, "calls"),
            usd(answer, "savedUsd"),
            Formats.number(answer, "cachedCalls"));
    if (answer.path("by").size() > 0 && answer.path("rows").size() > 0) {
      table(answer).print(cli.out());
    }
    if (answer.path("truncated").asBoolean()) {
      cli.out()
          .printf(
              "(the %d costliest of %d rows; the totals cover them all)%n",
              answer.path("rows").size(), Formats.number(answer, "groups"));
    }
    return CliFailure.OK;
  }

  static Table table(JsonNode answer) {
    List<String> header = new ArrayList<>();
    for (JsonNode name : answer.path("by")) {
      header.add(name.asText().toUpperCase(Locale.ROOT));
    }
    int figures = header.size();
    header.addAll(List.of("SPENT", "SAVED", "CALLS", "CACHED", "UNITS"));
    Table table =
        new Table(header.toArray(String[]::new))
            .numeric(figures, figures + 1, figures + 2, figures + 3);
    for (JsonNode row : answer.path("rows")) {
      List<Object> cells = new ArrayList<>();
      for (JsonNode name : answer.path("by")) {
        cells.add(Formats.text(row, name.asText()));
      }
      cells.add(usd(row, "spentUsd"));
      cells.add(usd(row, "savedUsd"));
      cells.add(Formats.number(row, "calls"));
      cells.add(Formats.number(row, "cachedCalls"));
      cells.add(units(row.path("units")));
      table.row(cells.toArray());
    }
    return table;
  }

  /** {@code $0.30621}: the API's exact decimal string. */
  static String usd(JsonNode node, String field) {
    String value = Formats.text(node, field);
    return "-".equals(value) ? value : "$" + value;
  }

  /** {@code input_tokens=1000 output_tokens=100}, or "-". */
  static String units(JsonNode units) {
    List<String> parts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = units.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> unit = it.next();
      parts.add(unit.getKey() + "=" + unit.getValue().asLong());
    }
    return parts.isEmpty() ? "-" : String.join(" ", parts);
  }
}
