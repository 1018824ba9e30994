package io.docfleet.worker;

import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.handler.TaskHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The worker's main class with one test-only addition: every run of a {@code sleep} task appends a
 * line {@code <task id> <epoch ms>} to the file named by {@code TEST_RUN_LOG} before the handler
 * runs. Each line is one {@code write} on a file opened for appending, so several worker processes
 * share one file and a killed process loses nothing it reported. A test counts runs there, outside
 * Redis, where a failover cannot lose them.
 */
final class RecordingWorkerMain {
  static final String RUN_LOG = "TEST_RUN_LOG";

  private RecordingWorkerMain() {}

  public static void main(String[] args) throws Exception {
    FileChannel log =
        FileChannel.open(
            Path.of(System.getenv(RUN_LOG)),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    TaskHandler sleep = HandlerRegistry.withBuiltins().find(TestFleet.SLEEP).orElseThrow();
    WorkerMain.run(
        handlers ->
            handlers.register(
                TestFleet.SLEEP,
                task -> {
                  append(log, task.id() + " " + System.currentTimeMillis());
                  return sleep.handle(task);
                }));
  }

  /** One recorded run: the task and when it started. */
  record Run(String taskId, long startedAtMillis) {}

  /** The runs the workers recorded, in the order they were written. */
  static List<Run> runs(Path runLog) {
    try {
      return Files.exists(runLog)
          ? Files.readAllLines(runLog, StandardCharsets.UTF_8).stream()
              .filter(line -> line.indexOf(' ') > 0)
              .map(line -> line.split(" "))
              .map(fields -> new Run(fields[0], Long.parseLong(fields[1])))
              .toList()
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void append(FileChannel log, String text) throws IOException {
    ByteBuffer line = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
    synchronized (log) {
      while (line.hasRemaining()) {
        log.write(line);
      }
    }
  }
}
