package io.docfleet.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.api.context.ApiContext;
import io.docfleet.config.Env;
import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A coordinator for one test class, wired as {@code CoordinatorMain} wires it: configuration read
 * from an environment map (the shared test Redis under a key prefix of its own, a PostgreSQL schema
 * of its own, a file root and upload folder in a temporary folder), resources opened, the server on
 * a free port of 127.0.0.1 (and the Redis monitor, when the environment enables it, on another).
 * Requests go through {@link HttpClient}.
 *
 * <pre>
 * {@code @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());}
 * </pre>
 */
public final class TestCoordinator implements BeforeAllCallback, AfterAllCallback {
  public static final String TOKEN = "s3cret-token-for-tests";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> extraEnv;
  private final TestDatabase db = TestDatabase.migrated();
  private final HttpClient http = HttpClient.newHttpClient();
  private final SettableClock clock = new SettableClock(Instant.now());
  private Path folder;
  private String prefix;
  private CoordinatorResources resources;
  private ApiServer server;

  private TestCoordinator(Map<String, String> extraEnv) {
    this.extraEnv = extraEnv;
  }

  public static TestCoordinator withEnv(Map<String, String> extraEnv) {
    return new TestCoordinator(extraEnv);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    db.beforeAll(context);
    folder = Files.createTempDirectory("docfleet-api-test");
    Files.createDirectories(folder.resolve("root"));
    prefix = TestRedis.uniquePrefix("api");
    Map<String, String> env = new HashMap<>();
    env.put("REDIS_URL", TestRedis.url());
    env.put("DOCFLEET_KEY_PREFIX", prefix);
    env.put("DATABASE_URL", db.settings().url());
    env.put("DATABASE_USER", db.settings().user());
    db.settings().password().ifPresent(p -> env.put("DATABASE_PASSWORD", p.value()));
    env.put("DATABASE_POOL_SIZE", "2");
    env.put("DOCFLEET_FILE_ROOTS", folder.resolve("root").toString());
    env.put("COORDINATOR_UPLOAD_DIR", folder.resolve("root/uploads").toString());
    env.put("COORDINATOR_API_TOKENS", "other-token," + TOKEN);
    env.put("COORDINATOR_MAX_BODY_BYTES", "4096");
    env.put("COORDINATOR_MAX_UPLOAD_BYTES", "100000");
    env.putAll(extraEnv);
    CoordinatorConfig config = CoordinatorConfig.fromEnv(new Env(env));
    resources = CoordinatorResources.open(config, clock);
    server = ApiServer.start(resources, "127.0.0.1", 0, 0);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      server.close();
      TestRedis.deleteKeys(resources.api().fleet().redis(), prefix);
      resources.close();
    } finally {
      db.afterAll(context);
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** What the features share. */
  public ApiContext context() {
    return resources.api();
  }

  /** All the server was started with, the configuration among it. */
  public CoordinatorResources resources() {
    return resources;
  }

  /** The items waiting in a type's ready list, newest first. */
  public List<String> ready(String type) {
    return fleet().redis().<String>getList(fleet().keys().ready(type)).readAll();
  }

  public FleetContext fleet() {
    return resources.api().fleet();
  }

  public ApiServer server() {
    return server;
  }

  public TestDatabase db() {
    return db;
  }

  public SettableClock clock() {
    return clock;
  }

  /** The allowed file root. */
  public Path root() {
    return folder.resolve("root");
  }

  /** A folder outside every root. */
  public Path outside() {
    return folder;
  }

  /** Removes every Redis key of this class's prefix and every document row. */
  public void reset() {
    TestRedis.deleteKeys(fleet().redis(), prefix);
    db.clear();
  }

  /** An answer: status, headers and the body (as JSON when it is JSON, else text). */
  public record Answer(int status, Map<String, java.util.List<String>> headers, String text) {
    public JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** A request builder for {@code path} on the server. */
  public RequestSpec request(String method, String path) {
    return new RequestSpec(server.port(), method, path);
  }

  /** A GET of {@code path} on the Redis monitor's port ({@code REDIS_MONITOR_ENABLED=true}). */
  public RequestSpec redisMonitor(String path) {
    return new RequestSpec(server.redisMonitorPort().orElseThrow(), "GET", path);
  }

  /** The queue of {@code type} as {@code GET /api/v1/queues} lists it. */
  public JsonNode queue(String type) {
    for (JsonNode queue : get("/api/v1/queues").json().get("queues")) {
      if (queue.get("type").asText().equals(type)) {
        return queue;
      }
    }
    throw new AssertionError("no queue " + type);
  }

  public Answer get(String path) {
    return request("GET", path).send();
  }

  /** A write with the test token and a JSON body. */
  public Answer post(String path, String json) {
    return request("POST", path).token(TOKEN).json(json).send();
  }

  public Answer delete(String path) {
    return request("DELETE", path).token(TOKEN).send();
  }

  /** One request being built. */
  public final class RequestSpec {
    private final HttpRequest.Builder builder;
    private final String method;
    private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

    RequestSpec(int port, String method, String path) {
      this.method = method;
      this.builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    public RequestSpec token(String token) {
      builder.header("Authorization", "Bearer " + token);
      return this;
    }

    public RequestSpec header(String name, String value) {
      builder.header(name, value);
      return this;
    }

    public RequestSpec json(String json) {
      builder.header("Content-Type", "application/json");
      body = HttpRequest.BodyPublishers.ofString(json);
      return this;
    }

    public RequestSpec body(String contentType, byte[] bytes) {
      builder.header("Content-Type", contentType);
      body = HttpRequest.BodyPublishers.ofByteArray(bytes);
      return this;
    }

    /** A multipart/form-data body with one file part and text fields. */
    public RequestSpec upload(
        String fileName, String mediaType, byte[] content, Map<String, String> fields) {
      String boundary = "----docfleet-test-boundary";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fields.forEach(
          (name, value) ->
              write(
                  out,
                  "--"
                      + boundary
                      + "\r\nContent-Disposition: form-data; name=\""
                      + name
                      + "\"\r\n\r\n"
                      + value
                      + "\r\n"));
      write(
          out,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
              + fileName
              + "\"\r\nContent-Type: "
              + mediaType
              + "\r\n\r\n");
      out.writeBytes(content);
      write(out, "\r\n--" + boundary + "--\r\n");
      return body("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    public Answer send() {
      try {
        HttpResponse<String> response =
            http.send(builder.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().map(), response.body());
      } catch (IOException e) {
        throw new AssertionError(method + " failed: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    private static void write(ByteArrayOutputStream out, String text) {
      out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
