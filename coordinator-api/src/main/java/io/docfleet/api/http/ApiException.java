package io.docfleet.api.http;

/**
 * A request the API refuses or cannot serve: the HTTP status, what was wrong, and the field or rule
 * that failed; written as {@code {"error": ..., "field": ...}}.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String field;

  public ApiException(int status, String message, String field) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public static ApiException badRequest(String field, String message) {
    return new ApiException(400, message, field);
  }

  public static ApiException notFound(String field, String message) {
    return new ApiException(404, message, field);
  }

  public static ApiException tooLarge(String field, String message) {
    return new ApiException(413, message, field);
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }

  public ErrorBody body() {
    return new ErrorBody(getMessage(), field);
  }
}
