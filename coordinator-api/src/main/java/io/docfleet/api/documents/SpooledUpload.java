package io.docfleet.api.documents;

import io.docfleet.api.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An uploaded file copied to a temporary file within {@code COORDINATOR_MAX_UPLOAD_BYTES}, with its
 * size and sha256, before anything else happens; {@link #close} removes the temporary file.
 */
record SpooledUpload(Path file, String name, String mediaType, long size, String sha256)
    implements AutoCloseable {

  static final String LIMIT_RULE = "COORDINATOR_MAX_UPLOAD_BYTES";

  static SpooledUpload spool(InputStream content, String name, String mediaType, long maxBytes)
      throws IOException {
    Path file = Files.createTempFile("docfleet-upload-", ".part");
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      long size = 0;
      try (InputStream in = new DigestInputStream(content, digest);
          OutputStream out = Files.newOutputStream(file)) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
          size += n;
          if (size > maxBytes) {
            throw ApiException.tooLarge(LIMIT_RULE, tooLargeMessage(maxBytes));
          }
          out.write(buffer, 0, n);
        }
      }
      return new SpooledUpload(
          file, name, mediaType, size, HexFormat.of().formatHex(digest.digest()));
    } catch (NoSuchAlgorithmException e) {
      Files.deleteIfExists(file);
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /**
   * A file name safe to keep in a folder or key: the last path segment, letters, digits, {@code . _
   * -} only, at most 100 characters, never hidden; {@code upload} when nothing is left.
   */
  static String safeName(String given) {
    String name = given == null ? "" : given.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    name = name.replaceAll("^[.]+", "");
    if (name.length() > 100) {
      name = name.substring(name.length() - 100);
    }
    return name.isEmpty() ? "upload" : name;
  }

  static String tooLargeMessage(long maxBytes) {
    return "the upload is larger than " + LIMIT_RULE + " (" + maxBytes + " bytes)";
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
  }
}
