package io.docfleet.worker.ocr;

import io.docfleet.worker.provider.ProviderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the tesseract program with a deadline; its stdout and stderr go to one temporary file,
 * so no pipe can fill up and block it.
 */
record ProcessRun(int exitCode, String output) {

  static ProcessRun run(List<String> command, Duration timeout) throws ProviderException {
    Path log = null;
    Process process = null;
    try {
      log = Files.createTempFile("docfleet-tesseract-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      // One thread each: the fleet runs pages in parallel already.
      builder.environment().put("OMP_THREAD_LIMIT", "1");
      try {
        process = builder.start();
      } catch (IOException e) {
        throw ProviderException.permanent(
            TesseractCli.ENGINE,
            "tesseract binary '"
                + command.get(0)
                + "' not found or not executable; install it (apt-get install tesseract-ocr"
                + " tesseract-ocr-eng) or set TESSERACT_PATH",
            e);
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw ProviderException.retryable(
            TesseractCli.ENGINE,
            "tesseract took longer than " + timeout.toSeconds() + "s; stopped");
      }
      return new ProcessRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (process != null) {
        process.destroyForcibly();
      }
      throw ProviderException.retryable(TesseractCli.ENGINE, "interrupted while tesseract ran", e);
    } catch (IOException e) {
      throw ProviderException.retryable(
          TesseractCli.ENGINE, "cannot run tesseract (" + e.getMessage() + ")", e);
    } finally {
      TempFiles.deleteQuietly(log);
    }
  }

  /** The last lines of the output, for an error message. */
  String lastLines() {
    List<String> lines = output.strip().lines().toList();
    String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    return tail.isEmpty() ? "(no output)" : tail;
  }
}
