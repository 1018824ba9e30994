package io.docfleet.api.cli;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body of text fields and one {@code file} part whose bytes are
 * streamed from disk, never held in memory.
 */
final class MultipartBody {
  private final String boundary = "docfleet-" + UUID.randomUUID();
  private final Map<String, String> fields = new LinkedHashMap<>();
  private final Path file;
  private final String mediaType;

  MultipartBody(Path file, String mediaType) {
    this.file = file;
    this.mediaType = mediaType;
  }

  MultipartBody field(String name, String value) {
    fields.put(name, value);
    return this;
  }

  Path file() {
    return file;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  HttpRequest.BodyPublisher publisher() {
    StringBuilder head = new StringBuilder();
    fields.forEach(
        (name, value) ->
            head.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(quoted(name))
                .append("\"\r\n\r\n")
                .append(value)
                .append("\r\n"));
    head.append("--")
        .append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
        .append(quoted(file.getFileName().toString()))
        .append("\"\r\nContent-Type: ")
        .append(mediaType)
        .append("\r\n\r\n");
    String tail = "\r\n--" + boundary + "--\r\n";
    try {
      return HttpRequest.BodyPublishers.concat(
          HttpRequest.BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8),
          HttpRequest.BodyPublishers.ofFile(file),
          HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      throw new CliFailure("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** As browsers write a quoted name (HTML's form encoding): quotes and line breaks escaped. */
  private static String quoted(String value) {
    return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }
}
