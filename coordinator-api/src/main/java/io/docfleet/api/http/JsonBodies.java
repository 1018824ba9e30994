package io.docfleet.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies within {@code COORDINATOR_MAX_BODY_BYTES}: a declared length over the limit
 * is refused before a byte is read, and a body without one is read only up to the limit.
 */
public final class JsonBodies {
  public static final String LIMIT_RULE = "COORDINATOR_MAX_BODY_BYTES";

  private final ObjectMapper mapper;
  private final long maxBytes;

  public JsonBodies(ObjectMapper mapper, long maxBytes) {
    this.mapper = mapper;
    this.maxBytes = maxBytes;
  }

  /** The body as JSON; 400 when it is missing or not JSON, 413 when it is over the limit. */
  public JsonNode read(Context http) {
    byte[] bytes = bytes(http);
    if (bytes.length == 0) {
      throw ApiException.badRequest("body", "a JSON body is required");
    }
    try {
      return mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("body", "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("body", "unreadable body");
    }
  }

  /** The body as JSON, or an empty object when there is none. */
  public JsonNode readOptional(Context http) {
    return http.contentLength() == 0 ? mapper.createObjectNode() : readOrEmpty(http);
  }

  private JsonNode readOrEmpty(Context http) {
    byte[] bytes = bytes(http);
    if (bytes.length == 0) {
      return mapper.createObjectNode();
    }
    try {
      return mapper.readTree(bytes);
    } catch (IOException e) {
      throw ApiException.badRequest("body", "not valid JSON");
    }
  }

  private byte[] bytes(Context http) {
    if (http.contentLength() > maxBytes) {
      throw tooLarge(); // the server drains the body before it answers, see Drain
    }
    try (InputStream in = http.bodyInputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw tooLarge();
      }
      return bytes;
    } catch (IOException e) {
      throw ApiException.badRequest("body", "the body could not be read");
    }
  }

  private ApiException tooLarge() {
    return ApiException.tooLarge(
        LIMIT_RULE, "the body is larger than " + LIMIT_RULE + " (" + maxBytes + " bytes)");
  }

  public ObjectMapper mapper() {
    return mapper;
  }
}
