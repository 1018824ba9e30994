package io.docfleet.worker.ocr;

import io.docfleet.worker.testing.TestDocuments;
import io.docfleet.worker.testing.TestDocuments.Page;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints how long each engine takes per page on this machine; asserts nothing. Run with {@code
 * -Ddocfleet.measure=true -Dtest=OcrTimingsReport}.
 */
@EnabledIfSystemProperty(named = "docfleet.measure", matches = "true")
class OcrTimingsReport {
  private static final String LINE =
      "Plaintiff John Doe brings this action against Acme Widgets, Inc. on January 5, 2024.";

  @Test
  void measure() throws Exception {
    TesseractCli cli = TesseractAvailability.require();
    PdfBoxEngine pdfbox = new PdfBoxEngine();
    AutoOcrEngine auto = new AutoOcrEngine(cli);
    TesseractEngine tesseract = new TesseractEngine(cli);

    String[] textPages = new String[50];
    Arrays.fill(textPages, (LINE + "\n").repeat(40));
    byte[] textPdf = TestDocuments.textPdf(textPages);
    pdfbox.recognize(OcrInput.of(textPdf)); // warm-up: class loading, font cache
    report(
        "pdfbox text layer, 40 lines a page", 50, 5, () -> pdfbox.recognize(OcrInput.of(textPdf)));

    for (int lines : new int[] {3, 30}) {
      byte[] scanned = TestDocuments.pdf(scans(3, lines));
      try (PDDocument document = PdfDocuments.open(scanned, "measure")) {
        BufferedImage[] images = new BufferedImage[3];
        report(
            "render A4 at 300 dpi grey, " + lines + " lines",
            1,
            3,
            new Step() {
              int page;

              @Override
              public void run() throws Exception {
                images[page] =
                    PdfDocuments.render(
                        document, page++, "measure", OcrSettings.DEFAULT_MAX_PAGE_PIXELS);
              }
            });
        report(
            "tesseract on that page (process start incl.), " + lines + " lines",
            1,
            3,
            new Step() {
              int page;

              @Override
              public void run() throws Exception {
                cli.readGrayPage(images[page++], PdfDocuments.RENDER_DPI);
              }
            });
      }
      report(
          "auto on a scanned PDF, " + lines + " lines a page",
          3,
          1,
          () -> auto.recognize(OcrInput.of(scanned)));
    }
    byte[] png = TestDocuments.png("HELLO DOCFLEET\n" + LINE);
    report("tesseract on a 1400x280 PNG", 1, 5, () -> tesseract.recognize(OcrInput.of(png)));
  }

  private interface Step {
    void run() throws Exception;
  }

  private static Page[] scans(int pages, int lines) {
    Page[] scans = new Page[pages];
    for (int i = 0; i < pages; i++) {
      scans[i] = Page.scanned(("EXHIBIT " + (i + 1) + "\n" + (LINE + "\n").repeat(lines)).strip());
    }
    return scans;
  }

  private static void report(String what, int pagesPerRun, int runs, Step step) throws Exception {
    long[] nanos = new long[runs];
    for (int run = 0; run < runs; run++) {
      long start = System.nanoTime();
      step.run();
      nanos[run] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "%-62s median %8.1f ms/page (min %.1f, max %.1f, %d runs)%n",
        what,
        nanos[runs / 2] / 1e6 / pagesPerRun,
        nanos[0] / 1e6 / pagesPerRun,
        nanos[runs - 1] / 1e6 / pagesPerRun,
        runs);
  }
}
