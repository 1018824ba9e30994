package io.docfleet.localservers;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * What the local Redis setups of the tests and benchmarks ({@link PrivateRedisCluster}, the test
 * support's sentinel group) share: free loopback ports, {@code redis-cli} calls, waiting until a
 * server is ready, and stopping the server processes and removing their folder.
 */
public final class ServerProcesses {
  private static final long WAIT_SECONDS = 10;
  private static final long CLI_SECONDS = 30;
  private static final Duration POLL = Duration.ofMillis(50);

  private ServerProcesses() {}

  /** True when {@code program} is an executable in a folder of the PATH. */
  public static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(folder -> Files.isExecutable(Path.of(folder, program)));
  }

  /** {@code count} distinct free ports, each one {@code alsoFree} accepts. */
  public static List<Integer> freePorts(int count, IntPredicate alsoFree) throws IOException {
    List<Integer> ports = new ArrayList<>();
    while (ports.size() < count) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      if (!ports.contains(port) && alsoFree.test(port)) {
        ports.add(port);
      }
    }
    return ports;
  }

  /** True when nothing listens on {@code port}. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs {@code redis-cli -p <port> <args>} and returns what it printed ("" when it could not). */
  public static String cli(int port, String... args) {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
    command.addAll(List.of(args));
    try {
      return run(command);
    } catch (IOException e) {
      return "";
    }
  }

  /** Runs {@code command} and returns what it printed, standard error included. */
  public static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(process.getInputStream().readAllBytes());
      process.waitFor(CLI_SECONDS, TimeUnit.SECONDS);
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + command, e);
    }
  }

  /** Waits until {@code check} holds; fails naming {@code what} once {@code timeout} passed. */
  public static void await(String what, BooleanSupplier check, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (!check.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(what + " did not happen within " + timeout);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what, e);
      }
    }
  }

  /**
   * Asks every server to stop (SIGTERM) in the order given, then waits for each, killing one that
   * has not stopped within ten seconds; then deletes {@code dir}, their configuration and data.
   */
  public static void stopAndRemove(List<Process> servers, Path dir) {
    servers.forEach(Process::destroy);
    for (Process server : servers) {
      try {
        if (!server.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
