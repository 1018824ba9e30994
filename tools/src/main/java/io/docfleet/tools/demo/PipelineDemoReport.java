package io.docfleet.tools.demo;

import java.time.Duration;
import java.util.Map;

/**
 * Prints the pipeline demo's results: a table per round (one row per document: status, pages,
 * characters, entities by type, provider calls, cache hits, time), then the two rounds side by side
 * with the speed-up, and what went wrong when something did.
 */
final class PipelineDemoReport {
  private static final Map<String, String> HEADERS =
      Map.of(
          "person", "person",
          "organization", "org",
          "court", "court",
          "date", "date",
          "money", "money",
          "case_number", "case",
          "statute", "statute",
          "email", "email",
          "phone", "phone");

  private PipelineDemoReport() {}

  static void printRound(DemoRound round, DemoConsole console) {
    int nameWidth =
        Math.max(8, round.rows().stream().mapToInt(r -> r.file().length()).max().orElse(0));
    StringBuilder header =
        new StringBuilder(
            String.format(
                "  %-" + nameWidth + "s %-10s %5s %7s", "document", "status", "pages", "chars"));
    for (String type : DocumentRow.types()) {
      String name = HEADERS.get(type);
      header.append(String.format(" %" + Math.max(4, name.length()) + "s", name));
    }
    header.append(String.format(" %6s %5s %8s", "calls", "hits", "time"));
    console.line("");
    console.line(round.name() + ":");
    console.line(header.toString());
    for (DocumentRow row : round.rows()) {
      if (row.skipped()) {
        console.line(
            String.format(
                "  %-" + nameWidth + "s %-10s (%s)", row.file(), row.status(), row.error()));
        continue;
      }
      StringBuilder line =
          new StringBuilder(
              String.format(
                  "  %-" + nameWidth + "s %-10s %5d %,7d",
                  row.file(),
                  row.status(),
                  row.pages(),
                  row.characters()));
      for (String type : DocumentRow.types()) {
        line.append(
            String.format(
                " %" + Math.max(4, HEADERS.get(type).length()) + "d", row.entities(type)));
      }
      line.append(
          String.format(" %6d %5d %8s", row.providerCalls(), row.cacheHits(), seconds(row.time())));
      console.line(line.toString());
    }
    console.line(
        String.format(
            "  %-"
                + nameWidth
                + "s %-10s %5d %,7d  %,d entities; %d provider calls, %d cache hits;"
                + " wall time %s%s",
            "total",
            round.progress().completed() + "/" + round.progress().total(),
            round.rows().stream().mapToInt(DocumentRow::pages).sum(),
            round.rows().stream().mapToLong(DocumentRow::characters).sum(),
            round.rows().stream().mapToInt(DocumentRow::entityCount).sum(),
            round.providerCalls(),
            round.cacheHits(),
            seconds(round.progress().elapsed()),
            round.skipped() == 0 ? "" : "; " + round.skipped() + " skipped (no tesseract)"));
    for (DocumentRow row : round.rows()) {
      if (!row.completed() && !row.skipped()) {
        console.line(
            "  "
                + row.file()
                + " ("
                + row.documentId()
                + ") "
                + row.status()
                + (row.error().isEmpty() ? "" : ": " + row.error()));
      }
    }
  }

  static void printComparison(PipelineDemoOutcome outcome, DemoConsole console) {
    DemoRound first = outcome.first();
    console.line("");
    if (first.cacheHits() > 0) {
      console.line(
          String.format(
              "note: round 1 already took %d results from the provider cache: some content in the"
                  + " folder repeats, or an earlier run wrote this cache",
              first.cacheHits()));
    }
    if (outcome.second().isEmpty()) {
      console.line("round 2 did not run: not every document of round 1 completed");
      return;
    }
    DemoRound second = outcome.second().get();
    console.line(
        String.format(
            "round 1 (new content):             %8s wall, %3d provider calls, %3d cache hits",
            seconds(first.progress().elapsed()), first.providerCalls(), first.cacheHits()));
    console.line(
        String.format(
            "round 2 (same files, new documents): %6s wall, %3d provider calls, %3d cache hits",
            seconds(second.progress().elapsed()), second.providerCalls(), second.cacheHits()));
    double speedUp = outcome.speedUp().orElse(0.0);
    if (second.providerCalls() == 0 && second.allCompleted()) {
      console.line(
          String.format(
              "round 2 made no provider call: every OCR, entity and structured result came from"
                  + " the cache, %.1fx faster than round 1",
              speedUp));
    } else if (second.providerCalls() > 0) {
      console.line(
          String.format(
              "round 2 made %d provider call(s) though its content was cached by round 1 (a"
                  + " cache read slower than CACHE_TIMEOUT counts as a miss; see the worker logs)",
              second.providerCalls()));
    } else {
      console.line("not every document of round 2 completed");
    }
  }

  private static String seconds(Duration duration) {
    return String.format("%.2f s", duration.toMillis() / 1000.0);
  }
}
