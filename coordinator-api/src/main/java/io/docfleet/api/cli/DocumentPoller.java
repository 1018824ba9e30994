package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Reads a document's state from the API until it answers, riding out a few failed polls in a row (a
 * coordinator restarting, a network blip) with a note on standard error; the sixth failure in a row
 * ends the command.
 */
final class DocumentPoller {
  static final int MAX_FAILED_POLLS = 5;

  private final CliContext cli;
  private int failedInARow;

  DocumentPoller(CliContext cli) {
    this.cli = cli;
  }

  JsonNode poll(String documentId, Duration interval) throws InterruptedException {
    while (true) {
      try {
        JsonNode document = cli.client().get(StatusCommand.path(documentId));
        failedInARow = 0;
        return document;
      } catch (CliFailure e) {
        failedInARow++;
        if (failedInARow > MAX_FAILED_POLLS) {
          throw e;
        }
        cli.err()
            .printf(
                "docfleet: poll %d of %d failed, trying again: %s%n",
                failedInARow, MAX_FAILED_POLLS, e.getMessage());
        cli.sleeper().sleep(interval);
      }
    }
  }
}
