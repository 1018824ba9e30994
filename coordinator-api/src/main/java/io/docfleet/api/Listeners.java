package io.docfleet.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.api.auth.AuthGuard;
import io.docfleet.api.documents.DocumentRoutes;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Drain;
import io.docfleet.api.http.ErrorBody;
import io.docfleet.api.http.IgnoredMethodOverride;
import io.docfleet.api.http.JsonBodies;
import io.docfleet.api.http.JsonErrorPages;
import io.docfleet.api.http.Route;
import io.docfleet.config.ConfigException;
import io.docfleet.logging.LogSafe;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How each of the coordinator's listeners (the API, the Redis monitor) is set up: JSON through the
 * API's mapper, Jetty's own refusals as JSON ({@link JsonErrorPages}), the method of the request
 * line ({@link IgnoredMethodOverride}), body and upload limits, a request log without headers,
 * every route behind the {@link AuthGuard}, and every error answered as {@code {"error": ...,
 * "field": ...}} once the request's body is read ({@link Drain}).
 */
final class Listeners {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private Listeners() {}

  /** Binds and serves; a port that cannot be bound is a configuration error naming its variable. */
  static Javalin listen(Javalin app, String host, int port, String variable, String remedy) {
    try {
      return app.start(host, port);
    } catch (JavalinBindException e) {
      app.stop();
      throw new ConfigException(
          variable
              + " "
              + port
              + " cannot be served on "
              + host
              + " ("
              + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
              + "; another process, a second coordinator perhaps, listens there): "
              + remedy);
    }
  }

  static void configure(
      JavalinConfig cfg, CoordinatorResources resources, List<Route> routes, AuthGuard guard) {
    ObjectMapper mapper = resources.api().bodies().mapper();
    cfg.startup.showJavalinBanner = false;
    cfg.jsonMapper(new JavalinJackson(mapper, false));
    cfg.http.prefer405over404 = true;
    JsonErrorPages errorPages = new JsonErrorPages(mapper);
    cfg.jetty.modifyServer(server -> server.setErrorHandler(errorPages));
    cfg.jetty.modifyServletContextHandler(
        handler -> {
          handler.setErrorHandler(errorPages);
          handler.addFilter(IgnoredMethodOverride.class, "/*", EnumSet.of(DispatcherType.REQUEST));
        });
    cfg.http.maxRequestSize = resources.config().maxBodyBytes();
    // The parser stops only a body past what an upload may take (one sent without a length): a
    // file over the limit in a body within it is read through and refused by the upload itself,
    // so the client, done sending, gets the 413 (a parser stopped part-way closes the connection).
    long largestBody = DocumentRoutes.largestUploadBody(resources.config().maxUploadBytes());
    cfg.jetty.multipartConfig.maxFileSize(largestBody, SizeUnit.BYTES);
    cfg.jetty.multipartConfig.maxTotalRequestSize(largestBody, SizeUnit.BYTES);
    cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
    cfg.requestLogger.http(
        (http, ms) ->
            log.info(
                "{} {} {} {} ms",
                http.method(),
                LogSafe.text(http.path()),
                http.statusCode(),
                Math.round(ms)));
    for (Route route : routes) {
      cfg.routes.addHttpHandler(
          route.method(), route.path(), guard.guard(route.access(), route.handler()));
    }
    cfg.routes.exception(ApiException.class, (e, http) -> refuse(http, e));
    cfg.routes.exception(
        HttpResponseException.class,
        (e, http) -> refuse(http, new ApiException(e.getStatus(), message(http, e), field(e))));
    cfg.routes.exception(
        Exception.class,
        (e, http) -> {
          log.error("{} {} failed", http.method(), LogSafe.text(http.path()), LogSafe.exception(e));
          answerError(
              http, 500, new ErrorBody("internal error: " + e.getClass().getSimpleName(), null));
        });
    cfg.routes.error(
        404,
        http ->
            fillIfEmpty(http, "no such endpoint: " + http.method() + " " + http.path(), "path"));
    cfg.routes.error(405, http -> fillIfEmpty(http, "method not allowed here", "method"));
  }

  /** What a response exception of Javalin's own says; a 405 names the methods the path takes. */
  private static String message(Context http, HttpResponseException e) {
    String allowed =
        e.getDetails().getOrDefault("availableMethods", e.getDetails().get("Available methods"));
    if (e.getStatus() != 405 || allowed == null) {
      return e.getMessage();
    }
    http.header("Allow", allowed);
    return http.req().getMethod() + " is not allowed on " + http.path() + "; it takes " + allowed;
  }

  /** The rule a response exception of Javalin's own stands for. */
  private static String field(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 404 -> "path";
      case 405 -> "method";
      case 413 -> JsonBodies.LIMIT_RULE;
      default -> "request";
    };
  }

  private static void refuse(Context http, ApiException e) {
    if (e.status() == 401) {
      http.header("WWW-Authenticate", "Bearer");
    }
    answerError(http, e.status(), e.body());
  }

  /** Writes an error answer once what is left of the request's body is read ({@link Drain}). */
  private static void answerError(Context http, int status, ErrorBody body) {
    Drain.beforeAnswer(http);
    http.status(status).json(body);
  }

  private static void fillIfEmpty(Context http, String message, String field) {
    if (http.resultInputStream() == null) {
      http.json(new ErrorBody(message, field));
    }
  }
}
