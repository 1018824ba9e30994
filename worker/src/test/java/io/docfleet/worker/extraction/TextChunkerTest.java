package io.docfleet.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.document.Chunk;
import io.docfleet.document.ContentHash;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextChunkerTest {
  private final TextChunker chunker = new TextChunker(100);

  @Test
  void aShortTextIsOneChunk() {
    List<Chunk> chunks = chunker.chunk("  A short note.\n");

    assertThat(chunks).hasSize(1);
    Chunk chunk = chunks.get(0);
    assertThat(chunk.text()).isEqualTo("A short note.");
    assertThat(chunk.start()).isEqualTo(2);
    assertThat(chunk.end()).isEqualTo(15);
    assertThat(chunk.sha256()).isEqualTo(ContentHash.sha256("A short note."));
    assertThat(chunk.id()).isEqualTo("0-" + chunk.sha256().substring(0, 12));
  }

  @Test
  void cutsAtAParagraphBreakInTheSecondHalf() {
    String first = "First paragraph runs on for a while, well past the middle of a chunk.";
    String text = first + "\n\nSecond paragraph is here and carries on for long enough to spill.";

    List<Chunk> chunks = chunker.chunk(text);

    assertThat(chunks).extracting(Chunk::text).first().isEqualTo(first);
    assertThat(chunks.get(1).text()).startsWith("Second paragraph");
  }

  @Test
  void cutsAfterASentenceButNotAfterAnAbbreviation() {
    String text =
        "The parties met on Monday morning and agreed all of the terms. Then Mr. Smith signed for"
            + " Acme Inc. at the office and left.";

    List<Chunk> chunks = chunker.chunk(text);

    assertThat(chunks.get(0).text())
        .isEqualTo("The parties met on Monday morning and agreed all of the terms.");
    assertThat(chunks.get(1).text()).startsWith("Then Mr. Smith signed");
  }

  @Test
  void neverCutsInsideAWord() {
    String text = "word ".repeat(200).strip();

    for (Chunk chunk : chunker.chunk(text)) {
      assertThat(chunk.text()).doesNotStartWith(" ").doesNotEndWith(" ").matches("(word ?)+");
      assertThat(chunk.text().length()).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void cutsATokenLongerThanAChunk() {
    String token = "x".repeat(250);

    assertThat(chunker.chunk(token))
        .extracting(c -> c.text().length())
        .containsExactly(100, 100, 50);
  }

  @Test
  void offsetsPointIntoTheWholeTextAndIdsAreStable() {
    String text = LegalSamples.COMPLAINT.repeat(3);

    List<Chunk> chunks = chunker.chunk(text);

    assertThat(chunks).isEqualTo(chunker.chunk(text));
    for (int i = 0; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      assertThat(chunk.index()).isEqualTo(i);
      assertThat(text.substring(chunk.start(), chunk.end())).isEqualTo(chunk.text());
      assertThat(chunk.id()).isEqualTo(i + "-" + ContentHash.sha256(chunk.text()).substring(0, 12));
      if (i > 0) {
        assertThat(chunk.start()).isGreaterThanOrEqualTo(chunks.get(i - 1).end());
        assertThat(text.substring(chunks.get(i - 1).end(), chunk.start())).isBlank();
      }
    }
    assertThat(chunks.stream().mapToInt(c -> c.text().replaceAll("\\s", "").length()).sum())
        .isEqualTo(text.replaceAll("\\s", "").length());
  }

  @Test
  void aBlankTextHasNoChunks() {
    assertThat(chunker.chunk(" \n\n ")).isEmpty();
  }

  @Test
  void refusesChunksTooSmallToCarryASentence() {
    assertThatThrownBy(() -> new TextChunker(99)).hasMessageContaining("at least 100");
  }
}
