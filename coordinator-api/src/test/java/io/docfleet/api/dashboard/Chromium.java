package io.docfleet.api.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A headless Chromium for one test: started with {@code --headless --no-sandbox --disable-gpu} and
 * a DevTools port of its own choosing (read from {@code DevToolsActivePort} in a fresh profile
 * folder), its output logged to {@code chromium.log} in the artifacts folder. {@link #close} ends
 * the process this started, and its children, and removes the profile.
 */
final class Chromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> NAMES =
      List.of("chromium", "chromium-browser", "google-chrome");

  private final Process process;
  private final Path profile;
  private final int port;

  private Chromium(Process process, Path profile, int port) {
    this.process = process;
    this.profile = profile;
    this.port = port;
  }

  /** The browser on the PATH ({@code CHROMIUM} names another), when there is one. */
  static Optional<Path> find() {
    String configured = System.getenv("CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : NAMES) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  static Chromium start(Path binary, Path artifacts) throws Exception {
    Files.createDirectories(artifacts);
    Path profile = Files.createTempDirectory("docfleet-chromium");
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--mute-audio",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            "--user-data-dir=" + profile,
            "about:blank"));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(artifacts.resolve("chromium.log").toFile())
            .start();
    try {
      return new Chromium(process, profile, devToolsPort(process, profile));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static int devToolsPort(Process process, Path profile) throws Exception {
    Path file = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + DevTools.PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "chromium exited with " + process.exitValue() + " (see chromium.log)");
      }
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (!lines.isEmpty() && !lines.get(0).isBlank()) {
          return Integer.parseInt(lines.get(0).trim());
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("chromium wrote no DevToolsActivePort within a minute");
  }

  /** A DevTools session on the browser's page. */
  DevTools page() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI list = URI.create("http://127.0.0.1:" + port + "/json/list");
    JsonNode targets =
        JSON.readTree(
            http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString())
                .body());
    for (JsonNode target : targets) {
      if ("page".equals(target.path("type").asText())) {
        return DevTools.connect(URI.create(target.get("webSocketDebuggerUrl").asText()));
      }
    }
    URI fresh = URI.create("http://127.0.0.1:" + port + "/json/new?about:blank");
    JsonNode target =
        JSON.readTree(
            http.send(
                    HttpRequest.newBuilder(fresh).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    return DevTools.connect(URI.create(target.get("webSocketDebuggerUrl").asText()));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    children.forEach(ProcessHandle::destroyForcibly);
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
