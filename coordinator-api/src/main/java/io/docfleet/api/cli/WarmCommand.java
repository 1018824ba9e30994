package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code docfleet warm <documentId>...}: asks the API to warm the provider cache for documents:
 * each completed one's results go from PostgreSQL into the cache, and the API says per document how
 * it went (warmed, unknown, not completed, no engines recorded) and how many entries it wrote.
 */
@Command(
    name = "warm",
    mixinStandardHelpOptions = true,
    description = "Warm the cache with completed documents' results from PostgreSQL.")
final class WarmCommand implements Callable<Integer> {
  static final int MAX_DOCUMENTS = 500;

  private final CliContext cli;

  @Mixin JsonOption output;

  @Parameters(
      paramLabel = "DOCUMENT_ID",
      arity = "1..*",
      description = "the documents (1 to " + MAX_DOCUMENTS + ")")
  List<String> documentIds;

  WarmCommand(CliContext cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    if (documentIds.size() > MAX_DOCUMENTS) {
      throw CliFailure.usage("at most " + MAX_DOCUMENTS + " documents at a time");
    }
    ObjectNode body = cli.client().json().createObjectNode();
    documentIds.forEach(body.putArray("documentIds")::add);
    JsonNode answer = cli.client().post("/api/v1/cache/warm", body);
    if (output.json) {
      cli.printJson(answer);
      return CliFailure.OK;
    }
    Table table = new Table("DOCUMENT", "RESULT", "ENTRIES WRITTEN");
    for (JsonNode d : answer.path("documents")) {
      table.row(
          Formats.text(d, "documentId"),
          Formats.text(d, "result").replace('_', ' '),
          Long.toString(Formats.number(d, "entriesWritten")));
    }
    table.print(cli.out());
    cli.out()
        .printf(
            "warmed %d documents, %d entries written%n",
            Formats.number(answer, "warmed"), Formats.number(answer, "entriesWritten"));
    return CliFailure.OK;
  }
}
