package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docfleet invalidate <documentId>|--pattern p}: forgets a document (its cache keys and its
 * OCR job's records) or removes the provider cache keys matching a pattern.
 */
@Command(
    name = "invalidate",
    mixinStandardHelpOptions = true,
    description = {
      "Forget a document (its cache keys and its OCR job's records, so its next run calls every",
      "provider again), or remove every cache entry, pointer and index matching a pattern.",
      "Patterns: cache:<type>:... or doc:..., e.g. 'cache:ocr:*'."
    })
final class InvalidateCommand implements Callable<Integer> {
  private final CliContext cli;

  @Mixin JsonOption output;

  @Parameters(paramLabel = "DOCUMENT_ID", arity = "0..1", description = "the document to forget")
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
    if (documentId != null) {
      cli.out()
          .printf(
              "document %s: %d cache keys and %d OCR job keys removed%n",
              documentId,
              Formats.number(answer, "cacheKeysRemoved"),
              Formats.number(answer, "ocrJobKeysRemoved"));
    } else {
      cli.out()
          .printf(
              "pattern %s: %d cache keys removed%n",
              pattern, Formats.number(answer, "keysRemoved"));
    }
    return CliFailure.OK;
  }
}
