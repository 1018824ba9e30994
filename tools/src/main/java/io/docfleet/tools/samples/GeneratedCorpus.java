package io.docfleet.tools.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * A corpus of any size made from the sample texts, for the pipeline benchmark: {@code unique}
 * distinct documents, alternately text PDFs ({@link TextPdf}) and plain text, each with its own
 * reference number after every paragraph (so no chunk of one is a chunk of another), and the rest
 * exact byte copies of them under other names, spread evenly through the list. A share of the
 * distinct documents may be scanned instead: the text PDF rendered to an image-only PDF, as a
 * scanner would make it ({@link Raster}), which only OCR reads.
 */
public final class GeneratedCorpus {
  private GeneratedCorpus() {}

  /**
   * What was written: every file in submission order, how many distinct contents, and how many of
   * those are scanned.
   */
  public record Written(List<Path> files, int unique, int scans) {
    public Written {
      files = List.copyOf(files);
    }

    public int duplicates() {
      return files.size() - unique;
    }
  }

  /**
   * Writes {@code documents} files into {@code folder}, a share {@code duplicateRatio} (0 to below
   * 1) of them copies: {@code round(documents * (1 - duplicateRatio))} distinct, at least one.
   */
  public static Written write(Path folder, int documents, double duplicateRatio)
      throws IOException {
    return write(folder, documents, duplicateRatio, "BENCH");
  }

  /**
   * The same with references {@code <series>-<n>}: corpora of two series share no content (the
   * benchmark warms its workers up on one and measures the other).
   */
  public static Written write(Path folder, int documents, double duplicateRatio, String series)
      throws IOException {
    return write(folder, documents, duplicateRatio, series, 0);
  }

  /**
   * The same with a share {@code scanRatio} (0 to below 1) of the distinct documents scanned,
   * image-only PDFs, spread evenly among them.
   */
  public static Written write(
      Path folder, int documents, double duplicateRatio, String series, double scanRatio)
      throws IOException {
    if (scanRatio < 0 || scanRatio >= 1) {
      throw new IllegalArgumentException("expected a scan ratio from 0 to below 1");
    }
    if (documents < 1 || duplicateRatio < 0 || duplicateRatio >= 1) {
      throw new IllegalArgumentException(
          "expected at least one document and a duplicate ratio from 0 to below 1");
    }
    Files.createDirectories(folder);
    int unique = Math.max(1, (int) Math.round(documents * (1 - duplicateRatio)));
    List<Sample> texts = texts();
    String width = "%0" + Integer.toString(documents).length() + "d";
    int scanCount = (int) Math.round(unique * scanRatio);
    List<Path> originals = new ArrayList<>(unique);
    int scans = 0;
    for (int n = 0; n < unique; n++) {
      Sample sample = texts.get(n % texts.size());
      String reference = series + "-" + String.format(width, n + 1);
      String markup = referenced(SampleCorpus.source(sample), reference);
      boolean scan = (long) (n + 1) * scanCount / unique > scans;
      boolean pdf = scan || n % 2 == 0;
      Path file = folder.resolve(reference.toLowerCase() + (pdf ? ".pdf" : ".txt"));
      if (scan) {
        byte[] text = TextPdf.of(markup, file.getFileName().toString(), sample.title());
        try (PDDocument document = Loader.loadPDF(text)) {
          Raster.writeScannedPdf(
              Raster.render(document, Format.SCANNED_PDF.dpi()), file, sample.title());
        }
        scans++;
      } else {
        writeText(file, markup, sample.title());
      }
      originals.add(file);
    }
    return new Written(withCopies(folder, originals, documents), unique, scans);
  }

  /** The sample texts a generated document is made of: text PDFs and plain text. */
  static List<Sample> texts() {
    return SampleCatalog.all().stream()
        .filter(s -> s.format() == Format.TEXT_PDF || s.format() == Format.PLAIN_TEXT)
        .toList();
  }

  /** Writes {@code markup} as a text PDF when the file is a {@code .pdf}, else as plain text. */
  static void writeText(Path file, String markup, String title) throws IOException {
    if (file.getFileName().toString().endsWith(".pdf")) {
      Files.write(file, TextPdf.of(markup, file.getFileName().toString(), title));
    } else {
      Files.writeString(file, Markup.plainText(markup), StandardCharsets.UTF_8);
    }
  }

  /**
   * {@code documents} files in submission order: the originals, with byte copies of them (named
   * {@code copy-<n>-<original>}) spread evenly among them to make up the number.
   */
  static List<Path> withCopies(Path folder, List<Path> originals, int documents)
      throws IOException {
    int unique = originals.size();
    String width = "%0" + Integer.toString(documents).length() + "d";
    List<Path> files = new ArrayList<>(documents);
    int copies = 0;
    for (int i = 0; i < documents; i++) {
      // Bresenham-style spread: the i-th slot is a copy when the copies so far fall behind.
      boolean copy = (long) (i + 1) * (documents - unique) / documents > copies;
      if (!copy) {
        files.add(originals.get(i - copies));
        continue;
      }
      Path original = originals.get(copies % unique);
      String name = original.getFileName().toString();
      Path file = folder.resolve("copy-" + String.format(width, copies + 1) + "-" + name);
      Files.copy(original, file);
      files.add(file);
      copies++;
    }
    return files;
  }

  /** The markup with a line naming the reference at the top and after every paragraph. */
  static String referenced(String markup, String reference) {
    String line = "| Reference " + reference;
    return line + "\n\n" + markup.replace("\n\n", "\n\n" + line + "\n\n") + "\n\n" + line + "\n";
  }
}
