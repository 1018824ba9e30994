package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code docfleet workers}: every registered worker with its heartbeat age and counts. */
@Command(
    name = "workers",
    mixinStandardHelpOptions = true,
    description = "List the registered workers: status, heartbeat age, in flight, completed.")
final class WorkersCommand implements Callable<Integer> {
  static final String PATH = "/api/v1/workers";

  private final CliContext cli;

  @Mixin JsonOption output;

  WorkersCommand(CliContext cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    JsonNode answer = cli.client().get(PATH);
    if (output.json) {
      cli.printJson(answer);
      return CliFailure.OK;
    }
    cli.out()
        .printf(
            "%d workers, %d lost%n",
            Formats.number(answer, "count"), Formats.number(answer, "lost"));
    if (answer.path("workers").size() > 0) {
      table(answer).print(cli.out());
    }
    return CliFailure.OK;
  }

  static Table table(JsonNode answer) {
    Table table =
        new Table(
                "ID",
                "STATUS",
                "HEARTBEAT",
                "IN FLIGHT",
                "COMPLETED",
                "FAILED",
                "HOST",
                "CONCURRENCY",
                "TYPES")
            .numeric(3, 4, 5);
    for (JsonNode w : answer.path("workers")) {
      table.row(
          Formats.text(w, "id"),
          Formats.text(w, "status"),
          Formats.age(w.get("heartbeatAgeMs")),
          Formats.number(w, "inFlight"),
          Formats.number(w, "completed"),
          Formats.number(w, "failed"),
          Formats.text(w, "host"),
          Formats.text(w, "concurrency"),
          types(w.path("capabilities")));
    }
    return table;
  }

  private static String types(JsonNode capabilities) {
    StringBuilder joined = new StringBuilder();
    for (JsonNode type : capabilities) {
      joined.append(joined.length() == 0 ? "" : ",").append(type.asText());
    }
    return joined.length() == 0 ? "-" : joined.toString();
  }
}
