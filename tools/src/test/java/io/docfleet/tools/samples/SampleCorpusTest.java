package io.docfleet.tools.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code samples/} and its generator together: a fresh run must write the committed bytes,
 * and each committed file must hold what the manifest says is planted in it.
 */
class SampleCorpusTest {
  private static final String REGENERATE = "run scripts/make-samples and commit samples/";

  private static Path committed;

  @BeforeAll
  static void findCommittedCorpus() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("samples/MANIFEST.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a samples/MANIFEST.md above " + Path.of("").toAbsolutePath()).isNotNull();
    committed = dir.resolve("samples");
  }

  @Test
  void theGeneratorWritesExactlyTheCommittedFiles(@TempDir Path fresh) throws IOException {
    SampleCorpus.write(fresh);

    assertThat(fileNames(fresh)).as(REGENERATE).isEqualTo(fileNames(committed));
    for (String name : fileNames(fresh)) {
      assertThat(committed.resolve(name))
          .as("%s differs from what the generator writes: %s", name, REGENERATE)
          .hasSameBinaryContentAs(fresh.resolve(name));
    }
  }

  @Test
  void everySampleIsSmall() throws IOException {
    for (String name : fileNames(committed)) {
      assertThat(Files.size(committed.resolve(name))).as(name).isLessThan(200 * 1024);
    }
  }

  @Test
  void textPdfsHoldEveryPlantedStringInTheirTextLayer() throws IOException {
    for (Sample sample : samples(Format.TEXT_PDF)) {
      try (PDDocument pdf = Loader.loadPDF(committed.resolve(sample.fileName()).toFile())) {
        assertThat(pdf.getNumberOfPages()).as(sample.fileName()).isBetween(2, 3);
        String text = new PDFTextStripper().getText(pdf);
        assertThat(text).as(sample.fileName()).contains(sample.plantedStrings());
      }
    }
  }

  @Test
  void theScannedPdfHasPageImagesAndNoTextLayer() throws IOException {
    for (Sample sample : samples(Format.SCANNED_PDF)) {
      try (PDDocument pdf = Loader.loadPDF(committed.resolve(sample.fileName()).toFile())) {
        assertThat(new PDFTextStripper().getText(pdf)).as(sample.fileName()).isBlank();
        for (PDPage page : pdf.getPages()) {
          PDResources resources = page.getResources();
          assertThat(resources.getFontNames()).as("fonts of " + sample.fileName()).isEmpty();
          COSName name = resources.getXObjectNames().iterator().next();
          PDImageXObject image = (PDImageXObject) resources.getXObject(name);
          assertThat(image.getWidth()).as("width at 300 dpi").isEqualTo(2550);
          assertThat(image.getBitsPerComponent()).isEqualTo(1);
        }
      }
      assertThat(oneLine(SampleCorpus.source(sample))).contains(sample.plantedStrings());
    }
  }

  @Test
  void theLetterIsAOneBitPictureOfTextHoldingThePlantedStrings() throws IOException {
    for (Sample sample : samples(Format.PNG)) {
      BufferedImage image = ImageIO.read(committed.resolve(sample.fileName()).toFile());
      assertThat(image.getWidth()).as("US Letter at 200 dpi").isBetween(1699, 1700);
      assertThat(image.getColorModel().getPixelSize()).isEqualTo(1);
      assertThat(oneLine(SampleCorpus.source(sample))).contains(sample.plantedStrings());
    }
  }

  @Test
  void thePlainTextFileHoldsThePlantedStrings() throws IOException {
    for (Sample sample : samples(Format.PLAIN_TEXT)) {
      String text = Files.readString(committed.resolve(sample.fileName()), StandardCharsets.UTF_8);
      assertThat(text).as(sample.fileName()).contains(sample.plantedStrings());
    }
  }

  @Test
  void theManifestListsEveryFileAndEveryPlantedString() throws IOException {
    String manifest = Files.readString(committed.resolve(Manifest.FILE_NAME));
    for (Sample sample : SampleCatalog.all()) {
      assertThat(manifest).contains("## " + sample.fileName(), sample.format().mediaType());
      for (String planted : sample.plantedStrings()) {
        assertThat(manifest).contains("`" + planted + "`");
      }
    }
  }

  private static List<Sample> samples(Format format) {
    List<Sample> matching = SampleCatalog.all().stream().filter(s -> s.format() == format).toList();
    assertThat(matching).as("samples written as " + format).isNotEmpty();
    return matching;
  }

  /** Marked-up source as one line: the layout decides where its lines break. */
  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ");
  }

  private static List<String> fileNames(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
