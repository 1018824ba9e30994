package io.docfleet.api.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One route of the API: method, path (Javalin's {@code {param}} syntax, as in {@code
 * /openapi.json}), who may call it, and what it does. The server registers exactly these, so the
 * list is also what the OpenAPI test checks.
 */
public record Route(HandlerType method, String path, Access access, Handler handler) {

  public static Route get(String path, Access access, Handler handler) {
    return new Route(HandlerType.GET, path, access, handler);
  }

  public static Route post(String path, Handler handler) {
    return new Route(HandlerType.POST, path, Access.WRITE, handler);
  }

  public static Route put(String path, Handler handler) {
    return new Route(HandlerType.PUT, path, Access.WRITE, handler);
  }

  public static Route delete(String path, Handler handler) {
    return new Route(HandlerType.DELETE, path, Access.WRITE, handler);
  }
}
