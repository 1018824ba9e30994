package io.docfleet.tools.samples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Writes the sample corpus ({@code samples/} at the repository root, through {@code
 * scripts/make-samples}) from {@link SampleCatalog} and the marked-up texts beside this class. The
 * output is the same bytes on every run, so the committed corpus can be checked against it.
 */
public final class SampleCorpus {
  private SampleCorpus() {}

  /** One file as written: what it is and how many pages it came to. */
  public record Written(Sample sample, int pages, long bytes) {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: SampleCorpus <output folder>");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    for (Written written : write(folder)) {
      System.out.printf(
          "%-42s %6d bytes  %d page(s)%n",
          written.sample().fileName(), written.bytes(), written.pages());
    }
    System.out.println("wrote " + folder.resolve(Manifest.FILE_NAME));
  }

  /** Writes every sample and the manifest into {@code folder}, creating it when missing. */
  public static List<Written> write(Path folder) throws IOException {
    Files.createDirectories(folder);
    List<Written> written = new ArrayList<>();
    for (Sample sample : SampleCatalog.all()) {
      Path file = folder.resolve(sample.fileName());
      int pages = write(sample, file);
      written.add(new Written(sample, pages, Files.size(file)));
    }
    Files.writeString(
        folder.resolve(Manifest.FILE_NAME), Manifest.render(written), StandardCharsets.UTF_8);
    return written;
  }

  private static int write(Sample sample, Path file) throws IOException {
    String source = source(sample);
    if (sample.format() == Format.PLAIN_TEXT) {
      Files.writeString(file, source, StandardCharsets.UTF_8);
      return 1;
    }
    if (sample.format() == Format.TEXT_PDF) {
      try (OutputStream out = Files.newOutputStream(file)) {
        return TextPdf.write(
            source,
            sample.fileName(),
            sample.title(),
            sample.fontSize(),
            sample.lineSpacing(),
            sample.plantedStrings(),
            out);
      }
    }
    try (PDDocument document = new PDDocument()) {
      Typeface type = Typeface.liberationSans(document, sample.fontSize(), sample.lineSpacing());
      PageLayout.write(document, type, Markup.parse(source), false, sample.plantedStrings());
      List<BufferedImage> pages = Raster.render(document, sample.format().dpi());
      if (sample.format() == Format.SCANNED_PDF) {
        return Raster.writeScannedPdf(pages, file, sample.title());
      }
      Raster.writePng(pages.get(0), file);
      return 1;
    }
  }

  static String source(Sample sample) {
    String name = sample.sourceResource();
    try (InputStream in = SampleCorpus.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no sample text " + name + " beside SampleCorpus");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
