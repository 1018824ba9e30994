package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code docfleet warm <documentId>...}: asks the API to warm the provider cache for documents. The
 * API reports, for each, whether it is known and its OCR result cached (writing results from
 * PostgreSQL into the cache is pending there; the leader's warming at election does it).
 */
@Command(
    name = "warm",
    mixinStandardHelpOptions = true,
    description = "Warm the cache for documents: reports whether each one's OCR result is cached.")
final class WarmCommand implements Callable<Integer> {
  static final int MAX_DOCUMENTS = 500;

  private final CliContext ctx;

  @Mixin JsonOption output;

  @Parameters(
      paramLabel = "DOCUMENT_ID",
      arity = "1..*",
      description = "the documents (1 to " + MAX_DOCUMENTS + ")")
  List<String> documentIds;

  WarmCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (documentIds.size() > MAX_DOCUMENTS) {
      throw CliFailure.usage("at most " + MAX_DOCUMENTS + " documents at a time");
    }
    ObjectNode body = ctx.api().json().createObjectNode();
    documentIds.forEach(body.putArray("documentIds")::add);
    JsonNode answer = ctx.api().post("/api/v1/cache/warm", body);
    if (output.json) {
      ctx.printJson(answer);
      return CliFailure.OK;
    }
    Table table = new Table("DOCUMENT", "KNOWN", "OCR CACHED");
    for (JsonNode d : answer.path("documents")) {
      table.row(
          Formats.text(d, "documentId"),
          d.path("known").asBoolean() ? "yes" : "no",
          d.path("ocrCached").asBoolean() ? "yes" : "no");
    }
    table.print(ctx.out());
    ctx.out().printf("warmed %d%n", Formats.number(answer, "warmed"));
    if (answer.hasNonNull("pending")) {
      ctx.out().println("note: " + answer.get("pending").asText());
    }
    return CliFailure.OK;
  }
}
