package io.docfleet.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Stops the local server processes a test or benchmark started, and removes their folder. */
public final class ServerProcesses {
  private static final long STOP_WAIT_SECONDS = 10;

  private ServerProcesses() {}

  /**
   * Asks every server to stop (SIGTERM) in the order given, then waits for each, killing one that
   * has not stopped within ten seconds; then deletes {@code dir}, their configuration and data.
   */
  public static void stopAndRemove(List<Process> servers, Path dir) {
    servers.forEach(Process::destroy);
    for (Process server : servers) {
      try {
        if (!server.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
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
