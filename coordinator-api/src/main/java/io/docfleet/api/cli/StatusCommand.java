package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code docfleet status <id>}: a document's state, stage, progress, stages (with why a waiting one
 * waits) and error.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show a document's state, stage, progress, stages and error.")
final class StatusCommand implements Callable<Integer> {
  private final CliContext cli;

  @Mixin JsonOption output;

  @Parameters(paramLabel = "DOCUMENT_ID", description = "the document's id")
  String documentId;

  StatusCommand(CliContext cli) {
    this.cli = cli;
  }

  static String path(String documentId) {
    return "/api/v1/documents/" + ApiClient.segment(documentId);
  }

  @Override
  public Integer call() {
    JsonNode document = cli.client().get(path(documentId));
    if (output.json) {
      cli.printJson(document);
    } else {
      print(document);
    }
    // like submit --wait and watch: a script can tell a failed document by the status
    return "failed".equals(Formats.text(document, "status")) ? CliFailure.FAILED : CliFailure.OK;
  }

  private void print(JsonNode d) {
    Table fields = new Table("FIELD", "VALUE");
    fields.row("id", Formats.text(d, "id"));
    fields.row("name", Formats.text(d, "name"));
    fields.row("source", Formats.text(d, "source"));
    fields.row("media type", Formats.text(d, "mediaType"));
    fields.row("size", Formats.bytes(Formats.number(d, "sizeBytes")));
    fields.row("status", Formats.text(d, "status"));
    fields.row("stage", Formats.text(d, "stage"));
    fields.row("progress", Formats.number(d, "progress") + "%");
    fields.row("attempts", Formats.number(d, "attempts"));
    fields.row("provider calls", Formats.number(d, "providerCalls"));
    fields.row("cache hits", Formats.number(d, "cacheHits"));
    fields.row("created", Formats.text(d, "createdAt"));
    fields.row("updated", Formats.text(d, "updatedAt"));
    fields.row("completed", Formats.text(d, "completedAt"));
    if (d.hasNonNull("error")) {
      fields.row("error", d.get("error").asText());
    }
    // the FIELD/VALUE header says nothing a reader needs
    fields.lines().stream().skip(1).forEach(cli.out()::println);
    JsonNode stages = d.get("stages");
    if (stages != null && stages.size() > 0) {
      cli.out().println();
      stages(stages).print(cli.out());
    }
  }

  /** One line a stage; a WAITING FOR column, the reason, when a stage waits. */
  private static Table stages(JsonNode stages) {
    boolean waits = stages.findValues("waitingFor").stream().anyMatch(v -> !v.isNull());
    Table table =
        waits
            ? new Table("STAGE", "STATUS", "AT", "WAITING FOR")
            : new Table("STAGE", "STATUS", "AT");
    for (Iterator<Map.Entry<String, JsonNode>> it = stages.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> stage = it.next();
      String name = stage.getKey();
      String status = Formats.text(stage.getValue(), "status");
      String at = Formats.text(stage.getValue(), "at");
      if (waits) {
        JsonNode reason = stage.getValue().get("waitingFor");
        table.row(name, status, at, reason == null || reason.isNull() ? "" : reason.asText());
      } else {
        table.row(name, status, at);
      }
    }
    return table;
  }
}
