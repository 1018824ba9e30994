package io.docfleet.api.documents;

import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Drain;
import io.docfleet.api.http.Fields;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Multipart uploads ({@code file}, optional {@code documentId} and {@code mediaType} fields): a
 * declared length over {@code COORDINATOR_MAX_UPLOAD_BYTES} is refused before parsing (the server
 * reads what it may of a refused body first, see {@link Drain}); the file is spooled within the
 * limit, then stored where workers read it.
 */
final class DocumentUploads {
  /** Room for the multipart framing and the small fields around the file. */
  static final long FRAMING_BYTES = 64 * 1024;

  private final Optional<UploadStore> uploadStore;
  private final long max;

  DocumentUploads(Optional<UploadStore> uploadStore, long max) {
    this.uploadStore = uploadStore;
    this.max = max;
  }

  SpooledUpload spool(Context http) throws IOException {
    if (uploadStore.isEmpty()) {
      throw ApiException.badRequest(
          "file",
          "uploads are off: set COORDINATOR_UPLOAD_DIR or COORDINATOR_UPLOAD_BUCKET, or send a source");
    }
    if (http.contentLength() > max + FRAMING_BYTES) {
      throw ApiException.tooLarge(SpooledUpload.LIMIT_RULE, SpooledUpload.tooLargeMessage(max));
    }
    UploadedFile file;
    try {
      file = http.uploadedFile("file");
    } catch (Exception e) { // Jetty's multipart errors arrive wrapped, some of them checked
      Drain.leftUnread(http);
      if (mentionsSize(e)) {
        throw ApiException.tooLarge(SpooledUpload.LIMIT_RULE, SpooledUpload.tooLargeMessage(max));
      }
      throw ApiException.badRequest("file", "the multipart body could not be read");
    }
    if (file == null) {
      throw ApiException.badRequest("file", "a multipart upload needs a 'file' part");
    }
    String mediaType =
        Fields.plainText(
            "mediaType",
            firstNonBlank(
                http.formParam("mediaType"), file.contentType(), "application/octet-stream"));
    try (InputStream in = file.content()) {
      return SpooledUpload.spool(in, SpooledUpload.safeName(file.filename()), mediaType, max);
    }
  }

  /** The form's other fields, for the request's fingerprint. */
  String fields(Context http) {
    TreeMap<String, Object> fields = new TreeMap<>(http.formParamMap());
    return fields.toString();
  }

  /** The source URI workers will read the document's upload from, once it is stored. */
  String sourceOf(String documentId, SpooledUpload upload) {
    try {
      return uploadStore.orElseThrow().sourceOf(documentId, upload.name());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot place the upload of " + documentId, e);
    }
  }

  /** Stores the spooled file for the document where {@link #sourceOf} says. */
  void store(String documentId, SpooledUpload upload) {
    try {
      uploadStore.orElseThrow().put(documentId, upload.name(), upload.file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the upload of " + documentId, e);
    }
  }

  /** True when the multipart parser refused the body for its size. */
  private static boolean mentionsSize(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase();
      if (message.contains("size") || message.contains("exceed") || message.contains("too large")) {
        return true;
      }
    }
    return false;
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return "";
  }
}
