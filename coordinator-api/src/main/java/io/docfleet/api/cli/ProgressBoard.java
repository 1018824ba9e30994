package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One progress bar per document being waited for. On a terminal the bars are redrawn in place
 * (cursor up, erase line); elsewhere (a pipe, a log, a test) a document's line is printed only when
 * its status, stage or progress changed, so the output stays a readable log.
 */
final class ProgressBoard {
  static final int BAR_WIDTH = 24;
  private static final String ERASE_LINE = "\r\033[2K";

  private final PrintWriter out;
  private final boolean redraw;
  private final Map<String, String> lastShown = new HashMap<>();
  private int linesDrawn;

  ProgressBoard(PrintWriter out, boolean redraw) {
    this.out = out;
    this.redraw = redraw;
  }

  /** Shows the documents' current states, in the order given. */
  void show(List<JsonNode> documents) {
    if (redraw) {
      if (linesDrawn > 0) {
        out.print("\033[" + linesDrawn + "A");
      }
      for (JsonNode document : documents) {
        out.print(ERASE_LINE + line(document) + "\n");
      }
      linesDrawn = documents.size();
    } else {
      for (JsonNode document : documents) {
        String line = line(document);
        if (!line.equals(lastShown.put(Formats.text(document, "id"), line))) {
          out.println(line);
        }
      }
    }
    out.flush();
  }

  /** {@code doc-1 [############------------] 50% processing ocr}; a failure adds its error. */
  static String line(JsonNode document) {
    String status = Formats.text(document, "status");
    int progress = (int) Math.max(0, Math.min(100, Formats.number(document, "progress")));
    String line =
        String.format(
            Locale.ROOT,
            "%s  %s %3d%%  %-10s  %s",
            Formats.text(document, "id"),
            bar(progress, BAR_WIDTH),
            progress,
            status,
            Formats.text(document, "stage"));
    if ("failed".equals(status) && document.hasNonNull("error")) {
      line += ": " + document.get("error").asText();
    }
    return line;
  }

  static String bar(int percent, int width) {
    int filled = Math.round(width * percent / 100f);
    return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
  }

  static boolean isFinal(JsonNode document) {
    String status = Formats.text(document, "status");
    return "completed".equals(status) || "failed".equals(status);
  }
}
