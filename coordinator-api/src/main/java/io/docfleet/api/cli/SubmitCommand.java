package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docfleet submit <file|s3://...|file://...>... [--wait] [--callback-url URL] [--priority
 * high|normal|low] [--group NAME]}: local files are uploaded (multipart), URIs submitted as
 * sources. Every input is checked before the first is sent. With {@code --wait} it then polls each
 * document until it is completed or failed, drawing a progress bar, and exits 1 when any failed.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Submit documents: local files are uploaded, s3:// and file:// URIs sent as sources.",
      "With --wait, show a progress bar until each ends; exit 1 if any failed."
    })
final class SubmitCommand implements Callable<Integer> {
  private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final Map<String, String> MEDIA_TYPES =
      Map.of(
          "pdf", "application/pdf",
          "png", "image/png",
          "jpg", "image/jpeg",
          "jpeg", "image/jpeg",
          "tif", "image/tiff",
          "tiff", "image/tiff",
          "txt", "text/plain");

  private final CliContext cli;

  @Mixin JsonOption output;

  @Parameters(
      paramLabel = "FILE_OR_URI",
      arity = "1..*",
      description = "a local file (uploaded), or an s3://bucket/key or file:///path source")
  List<String> inputs;

  @Option(names = "--wait", description = "wait until each document is completed or failed")
  boolean waitForEnd;

  @Option(
      names = "--interval",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "how often --wait polls (default 1s)")
  Duration interval = Duration.ofSeconds(1);

  @Option(names = "--id", paramLabel = "DOCUMENT_ID", description = "the document's id (one input)")
  String documentId;

  @Option(
      names = "--media-type",
      paramLabel = "TYPE",
      description = "the media type (default: guessed from a file's name)")
  String mediaType;

  @Option(
      names = "--callback-url",
      paramLabel = "URL",
      description = "POST a signed event there when each document completes or fails")
  String callbackUrl;

  @Option(
      names = "--priority",
      paramLabel = "LANE",
      description = "high, normal (default) or low: the lane each document's tasks wait in")
  String priority;

  @Option(
      names = "--group",
      paramLabel = "NAME",
      description =
          "the group each document's tasks share their lane with fairly (a named token's"
              + " own when left out)")
  String group;

  SubmitCommand(CliContext cli) {
    this.cli = cli;
  }

  /** One thing to submit: a local file or a source URI. */
  record Input(String given, Path file, String source) {}

  @Override
  public Integer call() throws InterruptedException {
    if (documentId != null && inputs.size() > 1) {
      throw CliFailure.usage("--id names one document: give one file or URI with it");
    }
    List<Input> checked = inputs.stream().map(SubmitCommand::check).toList();
    Map<String, Input> accepted = new LinkedHashMap<>();
    for (Input input : checked) {
      JsonNode answer = submit(input);
      String id = Formats.text(answer, "documentId");
      accepted.put(id, input);
      if (output.json && !waitForEnd) {
        cli.printJson(answer);
      } else if (!output.json) {
        cli.out().printf("accepted  %s  %s%n", id, describe(input));
        cli.out().flush();
      }
    }
    if (!waitForEnd) {
      return CliFailure.OK;
    }
    List<JsonNode> finished = waitUntilFinal(new ArrayList<>(accepted.keySet()));
    long failed = finished.stream().filter(d -> "failed".equals(Formats.text(d, "status"))).count();
    if (output.json) {
      finished.forEach(cli::printJson);
    } else {
      cli.out()
          .printf(
              "%d of %d documents completed%s%n",
              finished.size() - failed,
              finished.size(),
              failed > 0 ? ", " + failed + " failed" : "");
    }
    return failed > 0 ? CliFailure.FAILED : CliFailure.OK;
  }

  /** A URI must be s3:// or file://; anything else must be a readable local file. */
  static Input check(String given) {
    if (URI_SCHEME.matcher(given).matches()) {
      String scheme = given.substring(0, given.indexOf(':')).toLowerCase(Locale.ROOT);
      if (!scheme.equals("s3") && !scheme.equals("file")) {
        throw CliFailure.usage(
            "'" + given + "': only s3:// and file:// sources are accepted, or a local file");
      }
      return new Input(given, null, given);
    }
    Path file = Path.of(given);
    if (!Files.isRegularFile(file)) {
      throw CliFailure.usage("'" + given + "' is not a file (nor an s3:// or file:// URI)");
    }
    if (!Files.isReadable(file)) {
      throw CliFailure.usage("'" + given + "' cannot be read");
    }
    return new Input(given, file, null);
  }

  private JsonNode submit(Input input) {
    if (input.source() != null) {
      ObjectNode body = cli.client().json().createObjectNode();
      body.put("source", input.source());
      fields().forEach(body::put);
      return cli.client().post("/api/v1/documents", body);
    }
    MultipartBody body = new MultipartBody(input.file(), mediaTypeOf(input.file()));
    fields().forEach(body::field);
    return cli.client().postMultipart("/api/v1/documents", body);
  }

  /** The submit's optional fields the command line gave, by API name (JSON field or form field). */
  private Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("documentId", documentId);
    fields.put("mediaType", mediaType);
    fields.put("callbackUrl", callbackUrl);
    fields.put("priority", priority);
    fields.put("group", group);
    fields.values().removeIf(Objects::isNull);
    return fields;
  }

  private String mediaTypeOf(Path file) {
    if (mediaType != null) {
      return mediaType;
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String extension = name.substring(name.lastIndexOf('.') + 1);
    String known = MEDIA_TYPES.get(extension);
    if (known != null) {
      return known;
    }
    try {
      String probed = Files.probeContentType(file);
      return probed != null ? probed : "application/octet-stream";
    } catch (IOException e) {
      return "application/octet-stream";
    }
  }

  private String describe(Input input) {
    if (input.source() != null) {
      return input.source();
    }
    try {
      return input.given() + " (uploaded, " + Formats.bytes(Files.size(input.file())) + ")";
    } catch (IOException e) {
      return input.given() + " (uploaded)";
    }
  }

  /** Polls every unfinished document each interval; returns their final states, in order. */
  private List<JsonNode> waitUntilFinal(List<String> ids) throws InterruptedException {
    ProgressBoard board = output.json ? null : new ProgressBoard(cli.out(), cli.terminal());
    DocumentPoller poller = new DocumentPoller(cli);
    Map<String, JsonNode> latest = new LinkedHashMap<>();
    while (true) {
      boolean allFinal = true;
      for (String id : ids) {
        JsonNode known = latest.get(id);
        if (known == null || !ProgressBoard.isFinal(known)) {
          known = poller.poll(id, interval);
          latest.put(id, known);
        }
        allFinal &= ProgressBoard.isFinal(known);
      }
      if (board != null) {
        board.show(new ArrayList<>(latest.values()));
      }
      if (allFinal) {
        return new ArrayList<>(latest.values());
      }
      cli.sleeper().sleep(interval);
    }
  }
}
