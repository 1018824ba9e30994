package io.docfleet.worker.ocr;

import io.docfleet.worker.testing.TestDocuments;
import io.docfleet.worker.testing.TestDocuments.Page;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints how long each engine takes per page on this machine; asserts nothing. Run with {@code
 * -Ddocfleet.measure=true -Dtest=OcrTimingsReport}.
 */
@EnabledIfSystemProperty(named = "docfleet.measure", matches = "true")
class OcrTimingsReport {
  private static final int TEXT_PAGES = 50;
  private static final int SCANNED_PAGES = 6;

  @Test
  void measure() throws Exception {
    TesseractCli cli = TesseractAvailability.require();
    String legal =
        "Plaintiff John Doe brings this action against Acme Widgets, Inc. under 42 U.S.C. § 1983.\n"
            + "On January 5, 2024, Defendant agreed to pay $1,250,000.00 to Plaintiff.\n";
    String[] texts = new String[TEXT_PAGES];
    for (int i = 0; i < TEXT_PAGES; i++) {
      texts[i] = (legal + "Page " + (i + 1) + "\n").repeat(8);
    }
    byte[] textPdf = TestDocuments.textPdf(texts);
    Page[] scans = new Page[SCANNED_PAGES];
    for (int i = 0; i < SCANNED_PAGES; i++) {
      scans[i] =
          Page.scanned("SETTLEMENT AGREEMENT PAGE " + (i + 1) + "\n" + legal.replace("§ ", ""));
    }
    byte[] scannedPdf = TestDocuments.pdf(scans);
    byte[] png = TestDocuments.png("HELLO DOCFLEET\nPlaintiff John Doe v. Acme Widgets, Inc.");

    PdfBoxEngine pdfbox = new PdfBoxEngine();
    TesseractEngine tesseract = new TesseractEngine(cli);
    AutoOcrEngine auto = new AutoOcrEngine(cli);
    pdfbox.recognize(OcrInput.of(textPdf)); // warm-up: class loading, font cache
    auto.recognize(OcrInput.of(TestDocuments.scannedPdf("WARM UP")));

    List<String> lines = new ArrayList<>();
    long[] textLayer = new long[5];
    for (int run = 0; run < textLayer.length; run++) {
      long start = System.nanoTime();
      pdfbox.recognize(OcrInput.of(textPdf));
      textLayer[run] = System.nanoTime() - start;
    }
    lines.add(perPage("pdfbox text layer", textLayer, TEXT_PAGES));

    long[] render = new long[SCANNED_PAGES];
    long[] ocr = new long[SCANNED_PAGES];
    try (PDDocument document = PdfDocuments.open(scannedPdf, "measure")) {
      for (int i = 0; i < SCANNED_PAGES; i++) {
        long start = System.nanoTime();
        var image = PdfDocuments.render(document, i, "measure");
        long rendered = System.nanoTime();
        cli.readGrayPage(image, PdfDocuments.RENDER_DPI);
        render[i] = rendered - start;
        ocr[i] = System.nanoTime() - rendered;
      }
    }
    lines.add(perPage("render A4 page at 300 dpi grey", render, 1));
    lines.add(perPage("tesseract on a rendered A4 page (incl. process start)", ocr, 1));

    long[] autoScanned = new long[3];
    for (int run = 0; run < autoScanned.length; run++) {
      long start = System.nanoTime();
      auto.recognize(OcrInput.of(scannedPdf));
      autoScanned[run] = System.nanoTime() - start;
    }
    lines.add(perPage("auto on a scanned PDF (render + tesseract)", autoScanned, SCANNED_PAGES));

    long[] image = new long[5];
    for (int run = 0; run < image.length; run++) {
      long start = System.nanoTime();
      tesseract.recognize(OcrInput.of(png));
      image[run] = System.nanoTime() - start;
    }
    lines.add(perPage("tesseract on a 1400x280 PNG", image, 1));
    lines.forEach(System.out::println);
  }

  private static String perPage(String what, long[] nanos, int pages) {
    long[] sorted = nanos.clone();
    java.util.Arrays.sort(sorted);
    double median = sorted[sorted.length / 2] / 1e6 / pages;
    double min = sorted[0] / 1e6 / pages;
    double max = sorted[sorted.length - 1] / 1e6 / pages;
    return String.format(
        "%-55s median %8.2f ms/page  (min %.2f, max %.2f, %d runs)",
        what, median, min, max, nanos.length);
  }
}
