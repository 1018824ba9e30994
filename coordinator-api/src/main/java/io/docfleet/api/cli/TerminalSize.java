package io.docfleet.api.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's rows and columns, asked of {@code stty size} on {@code /dev/tty} (Java has no API
 * for it), so a monitor frame fits a resized window; {@code 0 0} (no limit) when that fails.
 */
record TerminalSize(int rows, int columns) {
  static final TerminalSize UNKNOWN = new TerminalSize(0, 0);

  static TerminalSize query() {
    try {
      Process stty =
          new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
      if (!stty.waitFor(1, TimeUnit.SECONDS)) {
        stty.destroyForcibly();
        return UNKNOWN;
      }
      String[] parts =
          new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
              .trim()
              .split("\\s+");
      if (stty.exitValue() != 0 || parts.length != 2) {
        return UNKNOWN;
      }
      return new TerminalSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    } catch (IOException | NumberFormatException e) {
      return UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNKNOWN;
    }
  }
}
