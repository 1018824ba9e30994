package io.docfleet.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers, for requests it refuses before any route runs (a bad request line, an
 * unknown HTTP version, a URI or headers past its limits, a malformed or ambiguous path), in the
 * API's shape {@code {"error": ..., "field": ...}} instead of Jetty's HTML page, whatever the
 * method or {@code Accept} header. A 4xx says Jetty's reason; a 5xx only its status's name.
 */
public final class JsonErrorPages extends ErrorHandler {
  static final int MAX_REASON = 200;

  private final ObjectMapper mapper;

  public JsonErrorPages(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The body of Jetty's answer with {@code status}, from Jetty's {@code reason} (may be null). */
  static ErrorBody body(int status, String reason) {
    String name = HttpStatus.getMessage(status);
    if (status >= 500 || reason == null || reason.isBlank()) {
      return new ErrorBody(name, field(status));
    }
    return new ErrorBody(
        "the HTTP server refused the request: " + printable(reason), field(status));
  }

  /** The part of the request that the status is about. */
  static String field(int status) {
    return switch (status) {
      case 404 -> "path";
      case 405 -> "method";
      case 413 -> "body";
      case 414 -> "uri";
      case 431 -> "headers";
      case 505 -> "version";
      default -> "request";
    };
  }

  private static String printable(String reason) {
    String clean = reason.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > MAX_REASON ? clean.substring(0, MAX_REASON) + "..." : clean;
  }

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(json(body(code, message))), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(json(body(status, reason)));
  }

  private byte[] json(ErrorBody body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error body always serializes", e);
    }
  }
}
