package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code docfleet queues}: every task type's ready, in-flight, delayed and dead counts. */
@Command(
    name = "queues",
    mixinStandardHelpOptions = true,
    description = "List the task queues: ready, in flight, delayed, dead, oldest ready, paused.")
final class QueuesCommand implements Callable<Integer> {
  static final String PATH = "/api/v1/queues";

  private final CliContext cli;

  @Mixin JsonOption output;

  QueuesCommand(CliContext cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    JsonNode answer = cli.client().get(PATH);
    if (output.json) {
      cli.printJson(answer);
      return CliFailure.OK;
    }
    if (answer.path("queues").size() == 0) {
      cli.out().println("no queues yet");
      return CliFailure.OK;
    }
    table(answer).print(cli.out());
    return CliFailure.OK;
  }

  static Table table(JsonNode answer) {
    Table table =
        new Table("TYPE", "READY", "IN FLIGHT", "DELAYED", "DEAD", "OLDEST READY", "PAUSED")
            .numeric(1, 2, 3, 4, 5);
    for (JsonNode q : answer.path("queues")) {
      table.row(
          Formats.text(q, "type"),
          Formats.number(q, "ready"),
          Formats.number(q, "inFlight"),
          Formats.number(q, "delayed"),
          Formats.number(q, "dead"),
          Formats.age(q.get("oldestReadyAgeMs")),
          q.path("paused").asBoolean(false) ? "paused" : "no");
    }
    return table;
  }
}
