package io.docfleet.api.auth;

import io.docfleet.api.http.Access;
import io.docfleet.api.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Checks {@code Authorization: Bearer <token>} before a route runs: always for {@link
 * Access#WRITE}; for {@link Access#CONTENT} and {@link Access#CONTENT_STREAM} unless content auth
 * is off; for {@link Access#READ} only when read auth is on. A {@link Access#CONTENT_STREAM} also
 * takes the token as {@code ?access_token=} (a browser's {@code EventSource} cannot send headers;
 * the request log never shows a query). A refusal is a 401 naming the header or parameter and never
 * repeats what was sent. The token's {@link Caller} (its name, when it has one) goes on the request
 * for the route ({@link Caller#of}).
 */
public final class AuthGuard {
  public static final String HEADER = "Authorization";
  public static final String QUERY_TOKEN = "access_token";
  private static final String SCHEME = "Bearer ";

  private final BearerTokens tokens;
  private final boolean readAuth;
  private final boolean contentAuth;

  public AuthGuard(BearerTokens tokens, boolean readAuth, boolean contentAuth) {
    this.tokens = tokens;
    this.readAuth = readAuth;
    this.contentAuth = contentAuth;
  }

  /** {@code handler}, run only when the request may call a route of {@code access}. */
  public Handler guard(Access access, Handler handler) {
    if (!needsToken(access)) {
      return handler;
    }
    boolean queryToken = access == Access.CONTENT_STREAM;
    return http -> {
      check(http, queryToken);
      handler.handle(http);
    };
  }

  private boolean needsToken(Access access) {
    return switch (access) {
      case OPEN -> false;
      case READ -> readAuth;
      case CONTENT, CONTENT_STREAM -> contentAuth || readAuth;
      case WRITE -> true;
    };
  }

  private void check(Context http, boolean queryToken) {
    if (tokens.isEmpty()) {
      throw unauthorized(
          "COORDINATOR_API_TOKENS is empty: this endpoint is closed until it is set");
    }
    String header = http.header(HEADER);
    if ((header == null || header.isBlank()) && queryToken) {
      http.attribute(Caller.ATTRIBUTE, checkQueryToken(http.queryParam(QUERY_TOKEN)));
      return;
    }
    if (header == null || header.isBlank()) {
      throw unauthorized("a bearer token is required: Authorization: Bearer <token>");
    }
    if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw unauthorized("the Authorization header must use the Bearer scheme");
    }
    Caller caller =
        tokens
            .identify(header.substring(SCHEME.length()).trim())
            .orElseThrow(
                () -> unauthorized("the bearer token is not one of COORDINATOR_API_TOKENS"));
    http.attribute(Caller.ATTRIBUTE, caller);
  }

  private Caller checkQueryToken(String token) {
    if (token == null || token.isBlank()) {
      throw unauthorized(
          "a token is required: Authorization: Bearer <token>, or ?"
              + QUERY_TOKEN
              + "=<token> for this stream");
    }
    return tokens
        .identify(token.trim())
        .orElseThrow(
            () ->
                new ApiException(
                    401,
                    "the " + QUERY_TOKEN + " is not one of COORDINATOR_API_TOKENS",
                    QUERY_TOKEN));
  }

  private static ApiException unauthorized(String message) {
    return new ApiException(401, message, HEADER);
  }
}
