package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docfleet watch <id>}: follows a document until it is completed (exit 0) or failed (exit
 * 1), printing a line each time its status, stage, progress or error changes.
 *
 * <p>It polls {@code GET /api/v1/documents/{id}} every second rather than subscribing to {@code
 * events:documents}: the CLI then needs only {@code DOCFLEET_URL} (no Redis address, credentials or
 * key prefix on an operator's machine), honours the API's read auth, and reads the system of record
 * (PostgreSQL), where a pub/sub message lost across a reconnect would leave a subscriber waiting
 * forever. The price: a state shorter than the interval may go unseen, and changes show up to a
 * second late.
 */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Follow a document's state changes until it ends (polls the API every second).",
      "Exits 0 when it completed, 1 when it failed."
    })
final class WatchCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final CliContext cli;

  @Mixin JsonOption output;

  @Parameters(paramLabel = "DOCUMENT_ID", description = "the document's id")
  String documentId;

  @Option(
      names = "--interval",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "how often to poll (default 1s)")
  Duration interval = Duration.ofSeconds(1);

  WatchCommand(CliContext cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws InterruptedException {
    // the first read fails at once (a wrong id is not worth five tries)
    JsonNode document = cli.client().get(StatusCommand.path(documentId));
    DocumentPoller poller = new DocumentPoller(cli);
    String shown = null;
    while (true) {
      String change = change(document);
      if (!change.equals(shown)) {
        print(document);
        shown = change;
      }
      if (ProgressBoard.isFinal(document)) {
        return "failed".equals(Formats.text(document, "status"))
            ? CliFailure.FAILED
            : CliFailure.OK;
      }
      cli.sleeper().sleep(interval);
      document = poller.poll(documentId, interval);
    }
  }

  /** What a watcher cares about; a new value is a line. */
  private static String change(JsonNode d) {
    return Formats.text(d, "status")
        + "|"
        + Formats.text(d, "stage")
        + "|"
        + Formats.number(d, "progress")
        + "|"
        + Formats.text(d, "error");
  }

  private void print(JsonNode document) {
    if (output.json) {
      // one compact object per line, so the output is JSON Lines
      cli.out().println(document.toString());
    } else {
      String time = LocalTime.ofInstant(cli.clock().instant(), ZoneOffset.UTC).format(TIME);
      cli.out().println(time + "  " + ProgressBoard.line(document));
    }
    cli.out().flush();
  }
}
