package io.docfleet.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.cli.CliHarness.Result;
import io.docfleet.document.ContentHash;
import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.store.DocumentRecord;
import io.docfleet.store.StatusChange;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit}, {@code status}, {@code result} and {@code watch} against a real coordinator, and
 * how the CLI reports an unreachable API, a refused token, a refused field and a wrong command
 * line.
 */
class DocumentCommandsTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path elsewhere;
  private CliHarness cli;
  private Path contract;

  @BeforeEach
  void aFreshCoordinatorAndAFile() throws Exception {
    api.reset();
    cli = new CliHarness(api);
    contract = elsewhere.resolve("contract.txt");
    Files.writeString(contract, "This agreement is made between Acme and Globex.");
  }

  private Optional<DocumentRecord> record(String id) {
    return api.context().store().documents().find(id);
  }

  private void change(String id, StatusChange change) {
    api.context().store().documents().changeStatus(id, change);
  }

  private void progress(String id, int percent) {
    api.fleet()
        .redis()
        .<String, String>getMap(api.fleet().keys().documentState(id))
        .put("progress", Integer.toString(percent));
  }

  private String sourceUnderTheRoot() throws Exception {
    Path file = api.root().resolve("complaint.txt");
    Files.writeString(file, "The plaintiff, Jane Roe, alleges.");
    return file.toUri().toString();
  }

  @Test
  void aFileIsUploadedAndASourceSubmittedAndBothAreQueued() throws Exception {
    String source = sourceUnderTheRoot();

    Result r = cli.run("submit", contract.toString(), source);

    assertThat(r.exit()).as(r.err()).isZero();
    String[] accepted =
        r.out().lines().filter(l -> l.startsWith("accepted")).toArray(String[]::new);
    assertThat(accepted).hasSize(2);
    String uploadId = accepted[0].split("\\s+")[1];
    String sourceId = accepted[1].split("\\s+")[1];
    DocumentRecord upload = record(uploadId).orElseThrow();
    assertThat(upload.status()).isEqualTo(DocumentStatus.QUEUED);
    assertThat(upload.file().name()).isEqualTo("contract.txt");
    assertThat(upload.file().mediaType()).isEqualTo("text/plain");
    assertThat(upload.file().sha256()).isEqualTo(ContentHash.sha256(Files.readAllBytes(contract)));
    assertThat(record(sourceId).orElseThrow().file().source()).isEqualTo(source);
    assertThat(r.out()).contains("uploaded").contains(source);
  }

  @Test
  void callbackUrlIsSentWithAnUploadAndASource() throws Exception {
    // this coordinator has no WEBHOOK_SECRET: its refusal shows the field arrived
    for (String input : new String[] {contract.toString(), sourceUnderTheRoot()}) {
      Result r = cli.run("submit", "--callback-url", "https://93.184.216.34/hooks", input);

      assertThat(r.exit()).as(r.out()).isEqualTo(1);
      assertThat(r.err()).contains("callbackUrl").contains("WEBHOOK_SECRET is not set");
    }
    assertThat(api.ready("ocr")).isEmpty();
  }

  @Test
  void priorityPutsTheDocumentsTaskInItsLaneAndAnotherValueIsRefused() throws Exception {
    Result high = cli.run("submit", "--priority", "high", contract.toString());
    Result low = cli.run("submit", "--priority", "low", sourceUnderTheRoot());
    Result bad = cli.run("submit", "--priority", "urgent", contract.toString());

    assertThat(high.exit()).as(high.err()).isZero();
    assertThat(low.exit()).as(low.err()).isZero();
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("priority").contains("high, normal or low");
    assertThat(lane(io.docfleet.task.Priority.HIGH)).isEqualTo(1);
    assertThat(lane(io.docfleet.task.Priority.LOW)).isEqualTo(1);
    assertThat(api.ready("ocr")).isEmpty();
  }

  private int lane(io.docfleet.task.Priority lane) {
    return api.fleet().redis().getList(api.fleet().keys().runs().lane("ocr", lane)).size();
  }

  @Test
  void jsonPrintsTheApisAnswerAndIdNamesTheDocument() throws Exception {
    Result r = cli.run("submit", "--json", "--id", "contract-7", contract.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode answer = JSON.readTree(r.out());
    assertThat(answer.get("documentId").asText()).isEqualTo("contract-7");
    assertThat(answer.get("status").asText()).isEqualTo("queued");
    assertThat(record("contract-7")).isPresent();
  }

  @Test
  void aBadInputIsRefusedBeforeAnythingIsSent() {
    Result ftp = cli.run("submit", contract.toString(), "ftp://host/file.pdf");
    Result missing =
        cli.run("submit", contract.toString(), elsewhere.resolve("nope.pdf").toString());
    Result twoWithOneId = cli.run("submit", "--id", "x", contract.toString(), contract.toString());

    assertThat(ftp.exit()).isEqualTo(2);
    assertThat(ftp.err()).contains("only s3:// and file:// sources");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.pdf").contains("is not a file");
    assertThat(twoWithOneId.exit()).isEqualTo(2);
    assertThat(api.context().store().documents().find("x")).isEmpty();
    assertThat(api.fleet().redis().getList(api.fleet().keys().ready("ocr")).size()).isZero();
  }

  @Test
  void waitDrawsProgressUntilTheDocumentCompletes() {
    Result r =
        cli.afterEachPoll(
                () -> {
                  change("doc-ok", StatusChange.processing(Stage.OCR, 1));
                  progress("doc-ok", 40);
                },
                () -> change("doc-ok", StatusChange.processing(Stage.ENTITIES, 1)),
                () -> change("doc-ok", StatusChange.completed()))
            .run("submit", "--wait", "--id", "doc-ok", contract.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("doc-ok  [------------------------]   0%  queued")
        .contains("doc-ok  [##########--------------]  40%  processing  ocr")
        .contains("processing  entities")
        .contains("doc-ok  [########################] 100%  completed")
        .contains("1 of 1 documents completed")
        .doesNotContain("\033[");
  }

  @Test
  void waitExitsOneWhenADocumentFailedAndShowsItsError() {
    Result r =
        cli.afterEachPoll(
                () -> change("doc-bad", StatusChange.processing(Stage.OCR, 1)),
                () -> change("doc-bad", StatusChange.failed(Stage.OCR, "not a PDF", 5)))
            .run("submit", "--wait", "--id", "doc-bad", contract.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("failed      ocr: not a PDF").contains("1 failed");
  }

  @Test
  void onATerminalTheBarsAreRedrawnInPlace() {
    Result r =
        cli.terminal(true)
            .afterEachPoll(
                () -> change("doc-tty", StatusChange.processing(Stage.OCR, 1)),
                () -> change("doc-tty", StatusChange.completed()))
            .run("submit", "--wait", "--id", "doc-tty", contract.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("\033[1A\r\033[2Kdoc-tty  [").contains("100%  completed");
  }

  @Test
  void statusAndResultShowTheDocument() throws Exception {
    cli.run("submit", "--id", "doc-s", contract.toString());

    Result status = cli.run("status", "doc-s");
    Result statusJson = cli.run("status", "doc-s", "--json");
    Result result = cli.run("result", "doc-s");
    Result resultJson = cli.run("result", "--json", "doc-s");

    assertThat(status.exit()).isZero();
    assertThat(status.out()).containsPattern("status\\s+queued").containsPattern("stage\\s+ocr");
    assertThat(JSON.readTree(statusJson.out()).get("id").asText()).isEqualTo("doc-s");
    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .contains("document doc-s: queued (not complete")
        .contains("ENTITIES (0)");
    assertThat(JSON.readTree(resultJson.out()).get("complete").asBoolean()).isFalse();
  }

  @Test
  void statusShowsWhyAWaitingStageWaitsOnItsLineAndNoLongerOnceItRuns() {
    cli.run("submit", "--id", "doc-wait", contract.toString());
    change("doc-wait", StatusChange.processing(Stage.OCR, 1));
    change("doc-wait", StatusChange.processing(Stage.ENTITIES, 1));
    String budget = "daily budget of group acme reached: $5.00 of $5.00 spent";
    stageState("doc-wait", "ocr", "done", "");
    stageState("doc-wait", "entities", "waiting", budget);

    Result waiting = cli.run("status", "doc-wait");
    stageState("doc-wait", "entities", "running", budget); // a reason left from the wait
    Result running = cli.run("status", "doc-wait");

    assertThat(waiting.exit()).as(waiting.err()).isZero();
    assertThat(waiting.out().lines())
        .anySatisfy(l -> assertThat(l).matches("STAGE\\s+STATUS\\s+AT\\s+WAITING FOR"))
        .anySatisfy(
            l -> assertThat(l).matches("entities\\s+waiting\\s+\\S+\\s+\\Q" + budget + "\\E"))
        .anySatisfy(l -> assertThat(l).matches("ocr\\s+done\\s+\\S+\\s*"));
    assertThat(running.out()).doesNotContain("WAITING FOR").doesNotContain(budget);
    assertThat(running.out()).containsPattern("entities\\s+running");
  }

  /** {@code stage}'s fields of the document's {@code doc:state}, as a worker writes them. */
  private void stageState(String id, String stage, String status, String waitingFor) {
    api.fleet()
        .redis()
        .<String, String>getMap(api.fleet().keys().documentState(id))
        .putAll(
            Map.of(
                stage + "_status",
                status,
                stage + "_timestamp",
                Long.toString(api.clock().millis()),
                stage + "_waiting_for",
                waitingFor));
  }

  @Test
  void statusOfAFailedDocumentExitsOne() {
    cli.run("submit", "--id", "doc-f", contract.toString());
    change("doc-f", StatusChange.processing(Stage.OCR, 1));
    change("doc-f", StatusChange.failed(Stage.OCR, "unreadable", 5));

    Result r = cli.run("status", "doc-f");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).containsPattern("error\\s+unreadable");
  }

  @Test
  void watchPrintsEachChangeOnceUntilTheDocumentEnds() {
    cli.run("submit", "--id", "doc-w", contract.toString());

    Result r =
        cli.afterEachPoll(
                () -> change("doc-w", StatusChange.processing(Stage.OCR, 1)),
                () -> {}, // no change: no line
                () -> change("doc-w", StatusChange.processing(Stage.STRUCTURED, 1)),
                () -> change("doc-w", StatusChange.completed()))
            .run("watch", "doc-w");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines())
        .hasSize(4)
        .satisfiesExactly(
            l -> assertThat(l).contains("queued"),
            l -> assertThat(l).contains("processing  ocr"),
            l -> assertThat(l).contains("processing  structured"),
            l -> assertThat(l).contains("completed"));
  }

  @Test
  void watchJsonPrintsOneObjectPerChangeAndExitsOneOnFailure() throws Exception {
    cli.run("submit", "--id", "doc-wf", contract.toString());

    Result r =
        cli.afterEachPoll(
                () -> change("doc-wf", StatusChange.processing(Stage.OCR, 1)),
                () -> change("doc-wf", StatusChange.failed(Stage.OCR, "boom", 5)))
            .run("watch", "--json", "doc-wf");

    assertThat(r.exit()).isEqualTo(1);
    String[] lines = r.out().lines().toArray(String[]::new);
    assertThat(lines).hasSize(3);
    assertThat(JSON.readTree(lines[2]).get("error").asText()).isEqualTo("boom");
  }

  @Test
  void anUnknownDocumentIsReportedWithTheFieldThatFailed() {
    Result watch = cli.run("watch", "no-such-doc");
    Result badId = cli.run("status", "bad id!");

    assertThat(watch.exit()).isEqualTo(1);
    assertThat(watch.err()).contains("(404): no document no-such-doc [field: id]");
    assertThat(badId.exit()).isEqualTo(1);
    assertThat(badId.err()).contains("(400)").contains("[field: id]");
  }

  @Test
  void aRefusedFieldIsShownWithItsName() {
    Result r = cli.run("submit", "--id", "no spaces allowed", contract.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("failed (400)").contains("[field: documentId]");
  }

  @Test
  void aMissingOrWrongTokenSaysToSetDocfleetToken() {
    Result missing = cli.env("DOCFLEET_TOKEN", null).run("submit", contract.toString());
    Result wrong = cli.env("DOCFLEET_TOKEN", "not-the-token-42").run("submit", contract.toString());

    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("401").contains("set DOCFLEET_TOKEN");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("DOCFLEET_TOKEN is set but not accepted");
    assertThat(wrong.out() + wrong.err()).doesNotContain("not-the-token-42");
  }

  @Test
  void aLargeUploadWithAWrongTokenIsAnsweredWithTheRefusedToken() throws Exception {
    Path scan = Files.write(elsewhere.resolve("scan.pdf"), new byte[8 * 1024 * 1024]);

    Result r = cli.env("DOCFLEET_TOKEN", "not-the-token-42").run("submit", scan.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("DOCFLEET_TOKEN is set but not accepted");
  }

  @Test
  void anUnreachableApiIsNamedByItsUrl() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;

    Result r = cli.env("DOCFLEET_URL", url).run("queues");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("cannot reach the docfleet API at " + url + " (connection refused)")
        .contains("DOCFLEET_URL");
  }

  @Test
  void aConnectionClosedWithoutAnAnswerIsNotCalledUnreachable() throws Exception {
    try (ClosingServer closing = new ClosingServer()) {
      Result r = cli.env("DOCFLEET_URL", closing.url()).run("queues");

      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err())
          .contains("the docfleet API at " + closing.url() + " closed the connection without")
          .doesNotContain("cannot reach");
    }
  }

  @Test
  void anUploadCutOffWithoutAnAnswerNamesTheTokenAndTheLimit() throws Exception {
    try (ClosingServer closing = new ClosingServer()) {
      cli.env("DOCFLEET_URL", closing.url());
      Result wrong =
          cli.env("DOCFLEET_TOKEN", "not-the-token-42").run("submit", contract.toString());
      Result missing = cli.env("DOCFLEET_TOKEN", null).run("submit", contract.toString());

      assertThat(wrong.exit()).isEqualTo(1);
      assertThat(wrong.err())
          .contains("closed the connection without answering")
          .contains("during the upload of " + contract)
          .contains("check that DOCFLEET_TOKEN is one of its COORDINATOR_API_TOKENS")
          .contains("COORDINATOR_MAX_UPLOAD_BYTES")
          .doesNotContain("cannot reach")
          .doesNotContain("not-the-token-42");
      assertThat(missing.exit()).isEqualTo(1);
      assertThat(missing.err()).contains("set DOCFLEET_TOKEN to one of its COORDINATOR_API_TOKENS");
    }
  }

  @Test
  void aWrongCommandLineOrUrlExitsTwo() {
    Result unknown = cli.run("frobnicate");
    Result missingId = cli.run("status");
    Result badInterval = cli.run("watch", "doc", "--interval", "soon");
    Result nothing = cli.run();
    Result help = cli.run("--help");
    Result badUrl = cli.env("DOCFLEET_URL", "localhost:8080").run("queues");

    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("frobnicate");
    assertThat(missingId.exit()).isEqualTo(2);
    assertThat(missingId.err()).contains("DOCUMENT_ID");
    assertThat(badInterval.exit()).isEqualTo(2);
    assertThat(badInterval.err()).contains("'soon' is not a duration");
    assertThat(badUrl.exit()).isEqualTo(2);
    assertThat(badUrl.err()).contains("DOCFLEET_URL must be an http:// or https:// URL");
    assertThat(nothing.exit()).isEqualTo(2);
    assertThat(nothing.err()).contains("Usage: docfleet");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("submit").contains("monitor").contains("DOCFLEET_TOKEN");
  }

  @Test
  void anUploadKeepsItsBytes() throws Exception {
    byte[] bytes = new byte[70_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    Path pdf = elsewhere.resolve("scan \"one\".pdf");
    Files.write(pdf, bytes);

    Result r = cli.run("submit", "--id", "bin-1", pdf.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    DocumentRecord record = record("bin-1").orElseThrow();
    assertThat(record.file().sha256()).isEqualTo(ContentHash.sha256(bytes));
    assertThat(record.file().sizeBytes()).isEqualTo(bytes.length);
    assertThat(record.file().mediaType()).isEqualTo("application/pdf");
  }
}
