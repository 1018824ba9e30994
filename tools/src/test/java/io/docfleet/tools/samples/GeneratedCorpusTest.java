package io.docfleet.tools.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.document.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedCorpusTest {
  @TempDir Path folder;

  @Test
  void writesTheDistinctDocumentsAndCopiesTheRestByteForByte() throws IOException {
    GeneratedCorpus.Written written = GeneratedCorpus.write(folder, 10, 0.3);

    assertThat(written.files()).hasSize(10).doesNotHaveDuplicates();
    assertThat(written.unique()).isEqualTo(7);
    assertThat(written.duplicates()).isEqualTo(3);
    assertThat(contents(written.files())).hasSize(7);
    assertThat(written.files())
        .anyMatch(f -> f.toString().endsWith(".pdf"))
        .anyMatch(f -> f.toString().endsWith(".txt"));
    assertThat(Files.readString(written.files().get(0).resolveSibling("bench-02.txt")))
        .contains("Reference BENCH-02")
        .doesNotContain("| ", "## ");
  }

  @Test
  void theSameCallWritesTheSameBytesAndAnotherSeriesSharesNoContent(@TempDir Path other)
      throws IOException {
    GeneratedCorpus.Written first = GeneratedCorpus.write(folder.resolve("a"), 4, 0);
    GeneratedCorpus.Written again = GeneratedCorpus.write(folder.resolve("b"), 4, 0);
    GeneratedCorpus.Written warmup = GeneratedCorpus.write(other, 4, 0, "WARMUP");

    assertThat(contents(again.files())).isEqualTo(contents(first.files()));
    assertThat(contents(warmup.files())).doesNotContainAnyElementsOf(contents(first.files()));
  }

  @Test
  void copiesAreSpreadThroughTheListNotBunchedAtTheEnd() throws IOException {
    List<Path> files = GeneratedCorpus.write(folder, 8, 0.5).files();

    assertThat(files.subList(0, 4)).anyMatch(f -> f.getFileName().toString().startsWith("copy-"));
  }

  @Test
  void aScanRatioMakesThatShareOfTheDistinctDocumentsImageOnlyPdfs() throws IOException {
    GeneratedCorpus.Written written = GeneratedCorpus.write(folder, 6, 0.5, "SCAN", 0.34);

    assertThat(written.unique()).isEqualTo(3);
    assertThat(written.scans()).isEqualTo(1);
    List<String> texts = new ArrayList<>();
    for (Path file : written.files()) {
      if (file.toString().endsWith(".pdf") && !file.getFileName().toString().startsWith("copy-")) {
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
          texts.add(new PDFTextStripper().getText(pdf).strip());
        }
      }
    }
    assertThat(texts).hasSize(2).containsOnlyOnce("").anyMatch(t -> t.contains("Reference SCAN-"));
  }

  private static Set<String> contents(List<Path> files) throws IOException {
    Set<String> hashes = new HashSet<>();
    for (Path file : files) {
      hashes.add(ContentHash.sha256(Files.readAllBytes(file)));
    }
    return hashes;
  }
}
