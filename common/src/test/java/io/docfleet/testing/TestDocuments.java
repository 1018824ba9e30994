package io.docfleet.testing;

import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.document.PageText;
import io.docfleet.store.DocumentFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Builders that make store tests read like sentences: {@code aDocument("d1")}, {@code
 * withContent(file, "new bytes")}, {@code pages("page one", "page two")}, {@code chunksOf(text,
 * 10)}.
 */
public final class TestDocuments {
  private TestDocuments() {}

  /** A PDF document whose bytes are "content of {@code id}". */
  public static DocumentFile aDocument(String id) {
    String content = "content of " + id;
    return new DocumentFile(
        id,
        "s3://inbox/" + id + ".pdf",
        id + ".pdf",
        "application/pdf",
        content.length(),
        sha256(content));
  }

  /** The same document with other bytes. */
  public static DocumentFile withContent(DocumentFile file, String content) {
    return new DocumentFile(
        file.id(), file.source(), file.name(), file.mediaType(), content.length(), sha256(content));
  }

  /** The same document under another name (same bytes). */
  public static DocumentFile renamed(DocumentFile file, String name) {
    return new DocumentFile(
        file.id(), file.source(), name, file.mediaType(), file.sizeBytes(), file.sha256());
  }

  /** Pages 1..n with these texts, read from the text layer. */
  public static List<PageText> pages(String... texts) {
    List<PageText> pages = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      pages.add(new PageText(i + 1, texts[i], "text-layer"));
    }
    return pages;
  }

  /** {@code text} cut into chunks of {@code size} characters, ids {@code <sha8>-<index>}. */
  public static List<Chunk> chunksOf(String text, int size) {
    List<Chunk> chunks = new ArrayList<>();
    for (int start = 0, index = 0; start < text.length(); start += size, index++) {
      int end = Math.min(text.length(), start + size);
      String slice = text.substring(start, end);
      String sha = sha256(slice);
      chunks.add(new Chunk(sha.substring(0, 8) + "-" + index, index, start, end, sha, slice));
    }
    return chunks;
  }

  /** An entity found by the rules extractor at {@code start}. */
  public static Entity anEntity(String type, String text, int start) {
    return anEntity(type, text, start, "rules");
  }

  public static Entity anEntity(String type, String text, int start, String extractor) {
    return new Entity(type, text, start, start + text.length(), extractor);
  }

  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
