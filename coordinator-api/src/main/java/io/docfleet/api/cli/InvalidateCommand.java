package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docfleet invalidate <documentId>|--pattern p}: removes provider cache keys. */
@Command(
    name = "invalidate",
    mixinStandardHelpOptions = true,
    description = {
      "Remove a document's cache keys, or every cache entry, pointer and index matching a pattern.",
      "Patterns: cache:<type>:... or doc:..., e.g. 'cache:ocr:*'."
    })
final class InvalidateCommand implements Callable<Integer> {
  private final CliContext cli;

  @Mixin JsonOption output;

  @Parameters(
      paramLabel = "DOCUMENT_ID",
      arity = "0..1",
      description = "the document whose keys go")
  String documentId;

  @Option(
      names = "--pattern",
      description = "remove the cache entries, pointers and indexes matching this pattern instead")
  String pattern;

  InvalidateCommand(CliContext cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    if ((documentId == null) == (pattern == null)) {
      throw CliFailure.usage("give exactly one of a DOCUMENT_ID or --pattern");
    }
    ObjectNode body = cli.client().json().createObjectNode();
    if (documentId != null) {
      body.put("documentId", documentId);
    } else {
      body.put("pattern", pattern);
    }
    JsonNode answer = cli.client().post("/api/v1/cache/invalidate", body);
    if (output.json) {
      cli.printJson(answer);
      return CliFailure.OK;
    }
    cli.out()
        .printf(
            "%s: %d cache keys removed%n",
            documentId != null ? "document " + documentId : "pattern " + pattern,
            Formats.number(answer, "keysRemoved"));
    return CliFailure.OK;
  }
}
