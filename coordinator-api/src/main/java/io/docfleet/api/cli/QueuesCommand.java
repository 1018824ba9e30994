package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code docfleet queues}: every task type's ready (and, when any is non-empty, its high, normal
 * and low lanes'), in-flight, delayed and dead counts.
 */
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

  /**
   * The queues' table; while a task waits in the high or low lane of any type, a LANES column
   * (high/normal/low ready) follows READY, and PAUSED names the lanes paused one by one.
   */
  static Table table(JsonNode answer) {
    boolean lanes = false;
    for (JsonNode q : answer.path("queues")) {
      lanes |= q.path("lanes").path("high").asLong() + q.path("lanes").path("low").asLong() > 0;
    }
    Table table =
        lanes
            ? new Table(
                    "TYPE",
                    "READY",
                    "LANES H/N/L",
                    "IN FLIGHT",
                    "DELAYED",
                    "DEAD",
                    "OLDEST READY",
                    "PAUSED")
                .numeric(1, 3, 4, 5, 6)
            : new Table("TYPE", "READY", "IN FLIGHT", "DELAYED", "DEAD", "OLDEST READY", "PAUSED")
                .numeric(1, 2, 3, 4, 5);
    for (JsonNode q : answer.path("queues")) {
      List<Object> cells = new ArrayList<>();
      cells.add(Formats.text(q, "type"));
      cells.add(Formats.number(q, "ready"));
      if (lanes) {
        JsonNode depths = q.path("lanes");
        cells.add(
            depths.path("high").asLong()
                + "/"
                + depths.path("normal").asLong()
                + "/"
                + depths.path("low").asLong());
      }
      cells.add(Formats.number(q, "inFlight"));
      cells.add(Formats.number(q, "delayed"));
      cells.add(Formats.number(q, "dead"));
      cells.add(Formats.age(q.get("oldestReadyAgeMs")));
      cells.add(paused(q));
      table.row(cells.toArray());
    }
    return table;
  }

  private static String paused(JsonNode q) {
    if (q.path("paused").asBoolean(false)) {
      return "paused";
    }
    List<String> lanes = new ArrayList<>();
    q.path("pausedLanes").forEach(lane -> lanes.add(lane.asText()));
    return lanes.isEmpty() ? "no" : String.join(",", lanes);
  }
}
