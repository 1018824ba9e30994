package io.docfleet.tools.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A corpus that repeats content the way a stream of legal documents does, for the pipeline
 * benchmark's mixed round: byte copies of earlier documents (the same file uploaded twice),
 * revisions (an earlier document with a line added at its end, so every chunk but its last is the
 * earlier one's), and new documents of which every other one opens with one of two standard
 * sections, word for word the same in every document that carries it (as standard terms or a cover
 * sheet are), before text of its own. Made from the sample texts like {@link GeneratedCorpus}: text
 * PDFs and plain text, each new document's own text marked with its reference after every
 * paragraph.
 */
public final class MixedCorpus {
  private MixedCorpus() {}

  /** What was written: every file in submission order, how many distinct, how many revisions. */
  public record Written(List<Path> files, int distinct, int revisions) {
    public Written {
      files = List.copyOf(files);
    }

    public int copies() {
      return files.size() - distinct;
    }
  }

  /**
   * Writes {@code documents} files into {@code folder}: a share {@code copyRatio} (0 to below 1) of
   * them byte copies, and a share {@code revisionRatio} (0 to below 1) of the distinct ones
   * revisions of earlier ones; references are {@code <series>-<n>}.
   */
  public static Written write(
      Path folder, int documents, double copyRatio, double revisionRatio, String series)
      throws IOException {
    if (documents < 1 || copyRatio < 0 || copyRatio >= 1) {
      throw new IllegalArgumentException(
          "expected at least one document and a copy ratio from 0 to below 1");
    }
    if (revisionRatio < 0 || revisionRatio >= 1) {
      throw new IllegalArgumentException("expected a revision ratio from 0 to below 1");
    }
    Files.createDirectories(folder);
    int distinct = Math.max(1, (int) Math.round(documents * (1 - copyRatio)));
    int revisionCount = Math.min(distinct - 1, (int) Math.round(distinct * revisionRatio));
    List<Sample> texts = GeneratedCorpus.texts();
    List<String> standardSections =
        List.of(SampleCorpus.source(texts.get(0)), SampleCorpus.source(texts.get(1)));
    String width = "%0" + Integer.toString(documents).length() + "d";
    List<Path> originals = new ArrayList<>(distinct);
    List<Document> fresh = new ArrayList<>();
    int revisions = 0;
    for (int n = 0; n < distinct; n++) {
      // Bresenham-style spread, as for copies; the first document is always new.
      boolean revision = (long) (n + 1) * revisionCount / distinct > revisions;
      Document document;
      if (revision) {
        Document base = fresh.get(revisions % fresh.size());
        revisions++;
        document =
            new Document(
                base.name() + "-rev" + revisions,
                base.markup() + "\n\n| Revision " + revisions + " of " + base.name() + "\n",
                base.title(),
                base.pdf());
      } else {
        Sample sample = texts.get(fresh.size() % texts.size());
        String reference = series + "-" + String.format(width, n + 1);
        String own = GeneratedCorpus.referenced(SampleCorpus.source(sample), reference);
        int k = fresh.size();
        String markup = k % 2 == 0 ? standardSections.get(k / 2 % 2) + "\n\n" + own : own;
        document = new Document(reference.toLowerCase(), markup, sample.title(), k % 4 < 2);
        fresh.add(document);
      }
      Path file = folder.resolve(document.name() + (document.pdf() ? ".pdf" : ".txt"));
      GeneratedCorpus.writeText(file, document.markup(), document.title());
      originals.add(file);
    }
    return new Written(
        GeneratedCorpus.withCopies(folder, originals, documents), distinct, revisions);
  }

  private record Document(String name, String markup, String title, boolean pdf) {}
}
