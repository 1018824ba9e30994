package io.docfleet.localservers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import redis.embedded.RedisServer;

/**
 * A Redis for the demo and the tests: the one at the given URL when it answers, else one started
 * here: the system {@code redis-server} when it is installed, else the embedded server that the
 * {@code embedded-redis} artifact ships. Servers started here keep nothing on disk and bind to
 * loopback only. Tests that must stop or restart Redis start a private one on a free port.
 */
public final class LocalRedis implements AutoCloseable {
  /** Where the Redis came from. */
  public enum Origin {
    ALREADY_RUNNING("already running"),
    SYSTEM_REDIS_SERVER("started the system redis-server"),
    EMBEDDED("started the embedded Redis from the embedded-redis artifact");

    private final String description;

    Origin(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /**
   * The servers this JVM started as child processes and has not stopped: stopped when it exits, so
   * none outlives it (a test whose clean-up did not run, a run cut short by Ctrl-C). The embedded
   * server does the same ({@code onShutdownForceStop}).
   */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "local-redis-stop"));
  }

  private final String host;
  private final int port;
  private final Origin origin;
  private final Optional<Path> serverLog;
  private Process process;
  private RedisServer embedded;

  private LocalRedis(String host, int port, Origin origin, Optional<Path> serverLog) {
    this.host = host;
    this.port = port;
    this.origin = origin;
    this.serverLog = serverLog;
  }

  /** The Redis at {@code url} when it answers, else one started on that URL's loopback port. */
  public static LocalRedis findOrStart(String url) {
    return findOrStart(url, Optional.empty());
  }

  /**
   * As {@link #findOrStart(String)}; a system {@code redis-server} started here writes its output
   * to {@code serverLog} (appended), not to this process's.
   */
  public static LocalRedis findOrStart(String url, Path serverLog) {
    return findOrStart(url, Optional.of(serverLog));
  }

  private static LocalRedis findOrStart(String url, Optional<Path> serverLog) {
    URI uri = URI.create(url);
    String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
    int port = uri.getPort() < 0 ? 6379 : uri.getPort();
    if (answers(host, port)) {
      return new LocalRedis(host, port, Origin.ALREADY_RUNNING, serverLog);
    }
    if (!isLoopback(host)) {
      throw new IllegalStateException(
          "no Redis answers at "
              + host
              + ":"
              + port
              + ", and servers are only started on loopback");
    }
    return startOn(port, serverLog);
  }

  /** A private Redis on a free loopback port, for tests that stop or restart it. */
  public static LocalRedis startPrivate() {
    return startOn(freePort(), Optional.empty());
  }

  private static LocalRedis startOn(int port, Optional<Path> serverLog) {
    Origin origin =
        SystemRedisServer.find().isPresent() ? Origin.SYSTEM_REDIS_SERVER : Origin.EMBEDDED;
    LocalRedis redis = new LocalRedis("127.0.0.1", port, origin, serverLog);
    redis.start();
    return redis;
  }

  public String url() {
    return "redis://" + host + ":" + port;
  }

  public int port() {
    return port;
  }

  public Origin origin() {
    return origin;
  }

  /** True when this instance started the server (and so may stop it). */
  public boolean owned() {
    return origin != Origin.ALREADY_RUNNING;
  }

  /** The server's process id, when it runs as a child process of this JVM. */
  public Optional<Long> pid() {
    return process != null && process.isAlive() ? Optional.of(process.pid()) : Optional.empty();
  }

  /**
   * Starts (or starts again) the server this instance owns, and waits until it answers; does
   * nothing while it runs (a second server on the port would fail, and stop would then stop that).
   */
  public synchronized void start() {
    if (!owned() || process != null && process.isAlive() || embedded != null) {
      return;
    }
    try {
      if (origin == Origin.SYSTEM_REDIS_SERVER) {
        process =
            new ProcessBuilder(SystemRedisServer.command(port))
                .redirectErrorStream(true)
                .redirectOutput(
                    serverLog
                        .map(log -> ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .orElse(ProcessBuilder.Redirect.DISCARD))
                .start();
        RUNNING.add(process);
      } else {
        embedded =
            RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .onShutdownForceStop(true)
                .build();
        embedded.start();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Redis on port " + port + ": " + e, e);
    }
    awaitAnswer(Duration.ofSeconds(10));
  }

  /** Stops the server this instance owns; with {@code kill}, as SIGKILL instead of SIGTERM. */
  public synchronized void stop(boolean kill) {
    if (process != null) {
      RUNNING.remove(process);
      if (kill) {
        process.destroyForcibly();
      } else {
        process.destroy();
      }
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
    if (embedded != null) {
      try {
        embedded.stop();
      } catch (IOException e) {
        throw new IllegalStateException("cannot stop the embedded Redis: " + e, e);
      }
      embedded = null;
    }
  }

  @Override
  public void close() {
    stop(false);
  }

  /** True when something at host:port answers a Redis PING (an auth error counts as an answer). */
  public static boolean answers(String host, int port) {
    return RedisPing.answers(host, port);
  }

  private void awaitAnswer(Duration timeout) {
    if (!RedisPing.answersWithin(host, port, timeout)) {
      stop(true);
      throw new IllegalStateException("Redis on port " + port + " did not answer in " + timeout);
    }
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port: " + e, e);
    }
  }
}
