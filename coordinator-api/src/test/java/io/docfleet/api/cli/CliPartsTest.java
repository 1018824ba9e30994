package io.docfleet.api.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CLI's pure parts: formats, tables, progress bars, the monitor's frame, input checks. */
class CliPartsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void agesSizesAndRatesReadAtAGlance() {
    assertThat(Formats.age(850)).isEqualTo("850ms");
    assertThat(Formats.age(12_400)).isEqualTo("12s");
    assertThat(Formats.age(185_000)).isEqualTo("3m05s");
    assertThat(Formats.age(7_800_000)).isEqualTo("2h10m");
    assertThat(Formats.age(-1)).isEqualTo("-");
    assertThat(Formats.bytes(512)).isEqualTo("512 B");
    assertThat(Formats.bytes(1_572_864)).isEqualTo("1.5 MiB");
    assertThat(Formats.percent(JSON.getNodeFactory().numberNode(0.8421))).isEqualTo("84.2%");
    assertThat(Formats.percent(JSON.getNodeFactory().nullNode())).isEqualTo("-");
    assertThat(Formats.fit("abcdef", 4)).isEqualTo("abc…");
    assertThat(Formats.fit("abcdef", 0)).isEqualTo("abcdef");
  }

  @Test
  void tablesAlignTextLeftAndNumbersRight() {
    Table table = new Table("TYPE", "READY").numeric(1).row("ocr", 3).row("structured", 1200);

    assertThat(table.lines())
        .containsExactly("TYPE        READY", "ocr             3", "structured   1200");
    assertThatThrownBy(() -> table.row("one")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aProgressBarFillsInProportion() throws Exception {
    assertThat(ProgressBoard.bar(0, 10)).isEqualTo("[----------]");
    assertThat(ProgressBoard.bar(50, 10)).isEqualTo("[#####-----]");
    assertThat(ProgressBoard.bar(100, 10)).isEqualTo("[##########]");
    assertThat(
            ProgressBoard.line(
                JSON.readTree(
                    "{\"id\":\"d\",\"status\":\"failed\",\"stage\":\"ocr\",\"progress\":30,"
                        + "\"error\":\"no text\"}")))
        .isEqualTo("d  [#######-----------------]  30%  failed      ocr: no text");
  }

  @Test
  void offATerminalALineIsPrintedOnlyWhenItChanges() throws Exception {
    StringWriter out = new StringWriter();
    ProgressBoard board = new ProgressBoard(new PrintWriter(out), false);
    var queued = JSON.readTree("{\"id\":\"d\",\"status\":\"queued\",\"stage\":\"ocr\"}");

    board.show(List.of(queued));
    board.show(List.of(queued));

    assertThat(out.toString().lines()).hasSize(1);
  }

  @Test
  void theMonitorFrameIsCutToTheScreen() throws Exception {
    FleetSnapshot snapshot =
        new FleetSnapshot(
            Instant.parse("2026-11-25T23:40:02Z"),
            JSON.readTree(
                "{\"count\":1,\"lost\":0,\"workers\":[{\"id\":\"w-1\",\"status\":\"active\","
                    + "\"heartbeatAgeMs\":1200,\"inFlight\":2,\"completed\":40,\"failed\":1,"
                    + "\"capabilities\":[\"ocr\"]}]}"),
            JSON.readTree("{\"queues\":[{\"type\":\"ocr\",\"ready\":7,\"dead\":1}]}"),
            JSON.readTree(
                "{\"enabled\":true,\"total\":{\"hits\":84,\"misses\":16,\"hitRate\":0.84}}"),
            JSON.readTree(
                "{\"status\":\"warning\",\"redis\":{\"version\":\"7.2.4\",\"opsPerSecond\":321,"
                    + "\"memory\":{\"usedBytes\":2097152}},\"issues\":[{\"severity\":\"warning\","
                    + "\"code\":\"dead_letters_grew\",\"message\":\"ocr grew by 1\"}]}"),
            null);

    List<String> full = MonitorFrame.render(snapshot, "http://c:8080", Duration.ofSeconds(2), 0, 0);
    List<String> cut = MonitorFrame.render(snapshot, "http://c:8080", null, 30, 5);

    assertThat(full.get(0)).contains("2026-11-25 23:40:02 UTC").contains("every 2s");
    assertThat(full)
        .anySatisfy(l -> assertThat(l).contains("health warning").contains("84.0%"))
        .anySatisfy(l -> assertThat(l).contains("2.0 MiB used of no limit"))
        .anySatisfy(l -> assertThat(l).contains("321 ops/s"))
        .anySatisfy(l -> assertThat(l).matches("w-1\\s+active\\s+1s\\s+2\\s+40\\s+1\\s.*"))
        .anySatisfy(l -> assertThat(l).matches("ocr\\s+7\\s+0\\s+0\\s+1\\s.*"))
        .anySatisfy(l -> assertThat(l).contains("dead_letters_grew"));
    assertThat(cut).hasSize(5).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(30));
  }

  @Test
  void theMonitorFrameShowsTheKeysByPatternOfBothRedis() throws Exception {
    String keys =
        "\"keys\":{\"countedAt\":\"2026-11-25T23:40:00Z\",\"complete\":%s,\"scaled\":false,"
            + "\"other\":%d,\"byPattern\":[{\"name\":\"ready\",\"pattern\":\"tasks:*\","
            + "\"count\":%d},{\"name\":\"inFlight\",\"pattern\":\"{tasks:*}:processing:*\","
            + "\"count\":0},{\"name\":\"cacheEntry\",\"pattern\":\"cache:*:*:*:*:*\","
            + "\"count\":%d}]}";
    FleetSnapshot snapshot =
        new FleetSnapshot(
            Instant.parse("2026-11-25T23:40:02Z"),
            JSON.readTree("{\"count\":0,\"lost\":0,\"workers\":[]}"),
            JSON.readTree("{\"queues\":[]}"),
            JSON.readTree("{\"enabled\":true,\"total\":{}}"),
            JSON.readTree(
                "{\"status\":\"ok\",\"redis\":{\"status\":\"ok\","
                    + String.format(keys, "true", 2, 3, 0)
                    + "},\"cache\":{\"status\":\"ok\",\"sharedWithQueue\":false,"
                    + String.format(keys, "false", 0, 0, 1200)
                    + "},\"issues\":[]}"),
            null);

    List<String> frame = MonitorFrame.render(snapshot, "http://c:8080", null, 0, 0);

    assertThat(frame)
        .anySatisfy(l -> assertThat(l).startsWith("KEYS  by pattern, counted at 2026-11-25T23:40"))
        .anySatisfy(l -> assertThat(l).matches("\\s+FAMILY\\s+PATTERN\\s+QUEUE\\s+CACHE"))
        .anySatisfy(l -> assertThat(l).matches("\\s+ready\\s+tasks:\\*\\s+3\\s+0"))
        .anySatisfy(l -> assertThat(l).matches("\\s+cacheEntry\\s+cache:\\S+\\s+0\\s+1200"))
        .anySatisfy(l -> assertThat(l).matches("\\s+other\\s+\\(in no family\\)\\s+2\\s+0"))
        .noneSatisfy(l -> assertThat(l).contains("inFlight"));
  }

  @Test
  void submitAcceptsFilesAndS3OrFileUrisOnly() {
    assertThat(SubmitCommand.check("s3://inbox/a.pdf").source()).isEqualTo("s3://inbox/a.pdf");
    assertThat(SubmitCommand.check("file:///data/a.pdf").source()).isEqualTo("file:///data/a.pdf");
    assertThatThrownBy(() -> SubmitCommand.check("https://example.com/a.pdf"))
        .isInstanceOfSatisfying(
            CliFailure.class, e -> assertThat(e.exitCode()).isEqualTo(CliFailure.USAGE));
    assertThatThrownBy(() -> SubmitCommand.check("/no/such/file.pdf"))
        .hasMessageContaining("is not a file");
  }

  @Test
  void theUrlMustBeHttpOrHttps() {
    assertThat(ApiClient.baseUrl(Optional.empty()).toString()).isEqualTo("http://127.0.0.1:8080");
    assertThat(ApiClient.baseUrl(Optional.of("https://fleet.example/api/")).toString())
        .isEqualTo("https://fleet.example/api");
    assertThatThrownBy(() -> ApiClient.baseUrl(Optional.of("fleet:8080")))
        .hasMessageContaining("DOCFLEET_URL");
  }
}
