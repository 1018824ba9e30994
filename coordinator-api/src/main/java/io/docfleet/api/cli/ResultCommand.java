package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code docfleet result <id>}: the text, entities and structured results of a document. */
@Command(
    name = "result",
    mixinStandardHelpOptions = true,
    description = "Show a document's text, entities and structured results.")
final class ResultCommand implements Callable<Integer> {
  private final CliContext cli;

  @Mixin JsonOption output;

  @Parameters(paramLabel = "DOCUMENT_ID", description = "the document's id")
  String documentId;

  ResultCommand(CliContext cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    JsonNode result = cli.client().get(StatusCommand.path(documentId) + "/result");
    if (output.json) {
      cli.printJson(result);
      return CliFailure.OK;
    }
    boolean complete = result.path("complete").asBoolean(false);
    cli.out()
        .printf(
            "document %s: %s%s%n",
            Formats.text(result, "id"),
            Formats.text(result, "status"),
            complete ? "" : " (not complete: what the pipeline made of it so far)");
    cli.out().println();
    cli.out().println("TEXT");
    String text = result.path("text").asText("");
    cli.out().println(text.isEmpty() ? "(none yet)" : text);
    cli.out().println();
    JsonNode entities = result.path("entities");
    cli.out().println("ENTITIES (" + entities.size() + ")");
    if (entities.size() > 0) {
      Table table = new Table("TYPE", "TEXT", "AT", "EXTRACTOR");
      for (JsonNode e : entities) {
        table.row(
            Formats.text(e, "type"),
            Formats.text(e, "text"),
            Formats.number(e, "start") + "-" + Formats.number(e, "end"),
            Formats.text(e, "extractor"));
      }
      table.print(cli.out());
    }
    JsonNode structured = result.path("structured");
    cli.out().println();
    cli.out().println("STRUCTURED (" + structured.size() + ")");
    for (JsonNode s : structured) {
      cli.out()
          .printf(
              "%s (schema v%d): %s%n",
              Formats.text(s, "extractor"),
              Formats.number(s, "schemaVersion"),
              s.path("result").toString());
    }
    return CliFailure.OK;
  }
}
