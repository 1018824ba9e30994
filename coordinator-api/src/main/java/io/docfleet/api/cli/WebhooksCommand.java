package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code docfleet webhooks}: the webhook deliveries per destination, most failures first. */
@Command(
    name = "webhooks",
    mixinStandardHelpOptions = true,
    description =
        "List the webhook destinations (callback URL origins): delivered, failed attempts,"
            + " dead-lettered, the last error and delivery.")
final class WebhooksCommand implements Callable<Integer> {
  static final String PATH = "/api/v1/webhooks/destinations";

  private final CliContext cli;

  @Mixin JsonOption output;

  WebhooksCommand(CliContext cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    JsonNode answer = cli.client().get(PATH);
    if (output.json) {
      cli.printJson(answer);
      return CliFailure.OK;
    }
    cli.out().printf("%d webhook destinations%n", Formats.number(answer, "count"));
    if (answer.path("destinations").size() > 0) {
      table(answer, cli.clock().instant()).print(cli.out());
    }
    return CliFailure.OK;
  }

  static Table table(JsonNode answer, Instant now) {
    Table table =
        new Table(
                "DESTINATION",
                "DELIVERED",
                "FAILED",
                "DEAD-LETTERED",
                "LAST ERROR",
                "LAST DELIVERED",
                "LATENCY")
            .numeric(1, 2, 3, 6);
    for (JsonNode d : answer.path("destinations")) {
      String error = Formats.text(d, "lastError");
      table.row(
          Formats.text(d, "destination"),
          Formats.number(d, "delivered"),
          Formats.number(d, "failed"),
          Formats.number(d, "deadLettered"),
          error.equals("-") ? error : error + " " + ago(d, "lastErrorAt", now),
          ago(d, "lastDeliveredAt", now),
          d.path("lastLatencyMs").isNumber() ? Formats.age(d.get("lastLatencyMs")) : "-");
    }
    return table;
  }

  /** How long ago the field's instant was ({@code 3m05s ago}), or "-". */
  private static String ago(JsonNode node, String field, Instant now) {
    String at = Formats.text(node, field);
    if (at.equals("-")) {
      return at;
    }
    try {
      long millis = now.toEpochMilli() - Instant.parse(at).toEpochMilli();
      return Formats.age(Math.max(0, millis)) + " ago";
    } catch (java.time.format.DateTimeParseException e) {
      return at;
    }
  }
}
