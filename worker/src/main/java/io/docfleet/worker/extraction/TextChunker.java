package io.docfleet.worker.extraction;

import io.docfleet.document.Chunk;
import io.docfleet.document.ContentHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cuts a document's text into chunks of at most {@code maxChars}, at the last paragraph break, else
 * sentence end, else whitespace before the limit; only a single token longer than the limit is cut
 * inside. The same text always gives the same chunks: ids are {@code <index>-<sha256 prefix>},
 * offsets are in the whole text, and whitespace between chunks belongs to none.
 */
public final class TextChunker {
  public static final int DEFAULT_MAX_CHARS = 4000;
  public static final int MIN_MAX_CHARS = 100;

  private static final Set<String> ABBREVIATIONS =
      Set.of(
          ("mr mrs ms dr prof hon jr sr st no nos inc corp ltd co v vs cal civ fed stat u.s u.s.c"
                  + " e.g i.e etc art sec jan feb mar apr jun jul aug sep sept oct nov dec")
              .split(" "));

  private final int maxChars;

  public TextChunker(int maxChars) {
    if (maxChars < MIN_MAX_CHARS) {
      throw new IllegalArgumentException("a chunk holds at least " + MIN_MAX_CHARS + " chars");
    }
    this.maxChars = maxChars;
  }

  public int maxChars() {
    return maxChars;
  }

  public List<Chunk> chunk(String text) {
    List<Chunk> chunks = new ArrayList<>();
    int start = skipWhitespace(text, 0);
    while (start < text.length()) {
      int limit = start + maxChars;
      int cut = limit >= text.length() ? text.length() : cutPoint(text, start, limit);
      int end = cut;
      while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      String piece = text.substring(start, end);
      String sha256 = ContentHash.sha256(piece);
      int index = chunks.size();
      chunks.add(
          new Chunk(index + "-" + sha256.substring(0, 12), index, start, end, sha256, piece));
      start = skipWhitespace(text, cut);
    }
    return chunks;
  }

  /** Where to end a chunk that starts at {@code start} and may not reach {@code limit}. */
  private int cutPoint(String text, int start, int limit) {
    int preferredFrom = start + maxChars / 2;
    int paragraph = text.lastIndexOf("\n\n", limit - 1);
    if (paragraph >= preferredFrom) {
      return paragraph;
    }
    for (int i = limit - 1; i >= preferredFrom; i--) {
      if (isSentenceEnd(text, i)) {
        return i + 1;
      }
    }
    for (int i = limit; i > start; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    // One token longer than a chunk: cut it, but never between the halves of a surrogate pair.
    return Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
  }

  private static boolean isSentenceEnd(String text, int i) {
    char c = text.charAt(i);
    if (c != '.' && c != '!' && c != '?') {
      return false;
    }
    if (i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1))) {
      return false;
    }
    if (c != '.') {
      return true;
    }
    int wordStart = i;
    while (wordStart > 0
        && (Character.isLetter(text.charAt(wordStart - 1)) || text.charAt(wordStart - 1) == '.')) {
      wordStart--;
    }
    String word = text.substring(wordStart, i).toLowerCase();
    return word.length() > 1 && !ABBREVIATIONS.contains(word);
  }

  private static int skipWhitespace(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
