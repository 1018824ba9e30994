package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The coordinator's HTTP API as the CLI calls it: JSON in and out, the bearer token on every
 * request when one is set (never printed), and every failure turned into a {@link CliFailure} that
 * says what to do: no answer says why ({@link NoAnswer}: the API unreachable names the URL), a 401
 * says to set {@code DOCFLEET_TOKEN}, other refusals show the API's error and the field that
 * failed.
 */
final class ApiClient {
  static final String URL_VARIABLE = "DOCFLEET_URL";
  static final String TOKEN_VARIABLE = "DOCFLEET_TOKEN";
  static final String DEFAULT_URL = "http://127.0.0.1:8080";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_SHOWN_BODY = 500;

  private final URI base;
  private final Optional<String> token;
  private final ObjectMapper json;
  private final HttpClient http;
  private final NoAnswer noAnswer;

  ApiClient(URI base, Optional<String> token, ObjectMapper json) {
    this.base = base;
    this.token = token;
    this.json = json;
    this.noAnswer = new NoAnswer(base, token.isPresent(), READ_TIMEOUT);
    // HTTP/1.1: no h2c upgrade dance with the coordinator's Jetty on plain http://
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  /** The base URL from {@code DOCFLEET_URL}; a usage failure naming the variable when it is bad. */
  static URI baseUrl(Optional<String> configured) {
    String raw = configured.orElse(DEFAULT_URL).trim();
    while (raw.endsWith("/")) {
      raw = raw.substring(0, raw.length() - 1);
    }
    try {
      URI uri = new URI(raw);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (Exception e) {
      // reported below
    }
    throw CliFailure.usage(
        URL_VARIABLE + " must be an http:// or https:// URL such as " + DEFAULT_URL);
  }

  URI base() {
    return base;
  }

  ObjectMapper json() {
    return json;
  }

  JsonNode get(String path) {
    return send("GET", path, HttpRequest.newBuilder(), HttpRequest.BodyPublishers.noBody());
  }

  /**
   * As {@link #get}, also taking a JSON body answered with {@code alsoAccepted}: the health report
   * comes with 503 while a dependency does not answer, and is what the caller wants to show then.
   */
  JsonNode get(String path, int alsoAccepted) {
    return send(
        "GET",
        path,
        HttpRequest.newBuilder(),
        HttpRequest.BodyPublishers.noBody(),
        READ_TIMEOUT,
        noAnswer::of,
        alsoAccepted);
  }

  JsonNode post(String path, JsonNode body) {
    return send(
        "POST",
        path,
        HttpRequest.newBuilder().header("Content-Type", "application/json"),
        HttpRequest.BodyPublishers.ofString(body.toString()));
  }

  JsonNode put(String path, JsonNode body) {
    return send(
        "PUT",
        path,
        HttpRequest.newBuilder().header("Content-Type", "application/json"),
        HttpRequest.BodyPublishers.ofString(body.toString()));
  }

  JsonNode delete(String path) {
    return send("DELETE", path, HttpRequest.newBuilder(), HttpRequest.BodyPublishers.noBody());
  }

  /**
   * POSTs a multipart body (no read timeout: an upload takes as long as the file needs). A
   * connection closed during the upload is reported as the refusal it most likely is.
   */
  JsonNode postMultipart(String path, MultipartBody body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder().header("Content-Type", body.contentType());
    return send(
        "POST", path, builder, body.publisher(), null, e -> noAnswer.ofUpload(e, body.file()));
  }

  /** A path segment (document id, task type) encoded for the URL. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(
      String method, String path, HttpRequest.Builder builder, HttpRequest.BodyPublisher body) {
    return send(method, path, builder, body, READ_TIMEOUT, noAnswer::of);
  }

  private JsonNode send(
      String method,
      String path,
      HttpRequest.Builder builder,
      HttpRequest.BodyPublisher body,
      Duration timeout,
      Function<IOException, CliFailure> whenNoAnswer) {
    return send(method, path, builder, body, timeout, whenNoAnswer, 0);
  }

  private JsonNode send(
      String method,
      String path,
      HttpRequest.Builder builder,
      HttpRequest.BodyPublisher body,
      Duration timeout,
      Function<IOException, CliFailure> whenNoAnswer,
      int alsoAccepted) {
    builder.uri(URI.create(base + path)).method(method, body).header("Accept", "application/json");
    if (timeout != null) {
      builder.timeout(timeout);
    }
    token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    HttpResponse<String> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw whenNoAnswer.apply(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure("interrupted while calling " + base + path);
    }
    return answer(method, path, response.statusCode(), response.body(), alsoAccepted);
  }

  private JsonNode answer(String method, String path, int status, String text, int alsoAccepted) {
    JsonNode body = parse(text);
    if (status == alsoAccepted && body != null) {
      return body;
    }
    if (status >= 200 && status < 300) {
      if (body == null) {
        throw new CliFailure(
            method + " " + path + " answered " + status + " with a body that is not JSON");
      }
      return body;
    }
    String error = body != null && body.hasNonNull("error") ? body.get("error").asText() : null;
    String field = body != null && body.hasNonNull("field") ? body.get("field").asText() : null;
    if (status == 401) {
      throw new CliFailure(
          "the API refused the request (401 Unauthorized"
              + (error == null ? "" : ": " + error)
              + "); "
              + (token.isPresent()
                  ? TOKEN_VARIABLE + " is set but not accepted: set it to one of the coordinator's"
                  : "set " + TOKEN_VARIABLE + " to one of the coordinator's")
              + " COORDINATOR_API_TOKENS");
    }
    String shown = error != null ? error : shorten(text);
    throw new CliFailure(
        method
            + " "
            + path
            + " failed ("
            + status
            + "): "
            + shown
            + (field == null ? "" : " [field: " + field + "]"));
  }

  private JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return json.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  private static String shorten(String text) {
    if (text == null || text.isBlank()) {
      return "no body";
    }
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_SHOWN_BODY
        ? oneLine
        : oneLine.substring(0, MAX_SHOWN_BODY) + "...";
  }
}
