package io.docfleet.tools.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.document.Chunk;
import io.docfleet.document.ContentHash;
import io.docfleet.worker.extraction.DocumentText;
import io.docfleet.worker.extraction.TextChunker;
import io.docfleet.worker.ocr.OcrInput;
import io.docfleet.worker.ocr.PdfBoxEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mixed corpus repeats what it says it repeats, seen the way the pipeline sees it: the chunk
 * hashes of each document's text, read by the OCR stage's engine and cut by the default chunker.
 */
class MixedCorpusTest {
  @TempDir Path folder;

  /** The sha256 of each chunk of the document's text, as the entity stage looks them up. */
  private static List<String> chunkHashes(Path file) throws Exception {
    String text =
        DocumentText.of(new PdfBoxEngine().recognize(OcrInput.of(Files.readAllBytes(file)))).text();
    return new TextChunker(TextChunker.DEFAULT_MAX_CHARS)
        .chunk(text).stream().map(Chunk::sha256).toList();
  }

  private static Path named(List<Path> files, String name) {
    return files.stream()
        .filter(f -> f.getFileName().toString().startsWith(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void holdsCopiesRevisionsAndChunksSharedAcrossDifferentDocuments() throws Exception {
    MixedCorpus.Written written = MixedCorpus.write(folder, 20, 0.25, 0.4, "MIX");

    assertThat(written.files()).hasSize(20).doesNotHaveDuplicates();
    assertThat(written.distinct()).isEqualTo(15);
    assertThat(written.copies()).isEqualTo(5);
    assertThat(written.revisions()).isEqualTo(6);
    Set<String> contents = new HashSet<>();
    for (Path file : written.files()) {
      contents.add(ContentHash.sha256(Files.readAllBytes(file)));
    }
    assertThat(contents).as("copies are byte copies").hasSize(15);
    assertThat(written.files())
        .anyMatch(f -> f.toString().endsWith(".pdf"))
        .anyMatch(f -> f.toString().endsWith(".txt"));

    // a revision: every chunk of its base but the last, then its own last chunk
    Path revision =
        written.files().stream()
            .filter(f -> f.getFileName().toString().contains("-rev"))
            .findFirst()
            .orElseThrow();
    String baseName = revision.getFileName().toString().replaceFirst("-rev.*", "");
    List<String> base = chunkHashes(named(written.files(), baseName));
    List<String> revised = chunkHashes(revision);
    assertThat(base).hasSizeGreaterThan(1);
    assertThat(revised.subList(0, base.size() - 1)).isEqualTo(base.subList(0, base.size() - 1));
    assertThat(revised.get(revised.size() - 1)).isNotEqualTo(base.get(base.size() - 1));

    // new documents that open with the same standard section share its first chunk
    List<Path> fresh =
        written.files().stream()
            .filter(f -> !f.getFileName().toString().startsWith("copy-"))
            .filter(f -> !f.getFileName().toString().contains("-rev"))
            .toList();
    assertThat(fresh).hasSize(9);
    List<String> first = chunkHashes(fresh.get(0));
    assertThat(chunkHashes(fresh.get(4)).get(0)).isEqualTo(first.get(0));
    assertThat(chunkHashes(fresh.get(4))).isNotEqualTo(first);
    assertThat(chunkHashes(fresh.get(2)).get(0)).as("the other section").isNotEqualTo(first.get(0));
  }

  @Test
  void refusesRatiosOfOneOrMore() {
    assertThatThrownBy(() -> MixedCorpus.write(folder, 10, 1, 0, "MIX"))
        .hasMessageContaining("copy ratio");
    assertThatThrownBy(() -> MixedCorpus.write(folder, 10, 0, 1, "MIX"))
        .hasMessageContaining("revision ratio");
  }
}
