package io.docfleet.worker.pipeline;

import io.docfleet.logging.LogSafe;

/**
 * Why a stage waits, as {@code <stage>_waiting_for} of {@code doc:state:<id>} keeps it for
 * operators (the API, the CLI and the console show it): one line, control characters escaped
 * ({@link LogSafe}), at most {@link #MAX_CHARS} characters. The reasons are the fleet's own
 * sentences (a budget and its group, a rate limit, a provider's job id), never credentials; a
 * group's name is the client's text, hence the escaping.
 */
final class WaitReasons {
  /** The longest reason kept: a sentence, never a stack trace. */
  static final int MAX_CHARS = 300;

  private WaitReasons() {}

  /** {@code reason} as one line of at most {@link #MAX_CHARS} characters, "…" when cut. */
  static String shown(String reason) {
    String line = LogSafe.text(reason);
    if (line.length() <= MAX_CHARS) {
      return line;
    }
    int end = MAX_CHARS - 1;
    if (Character.isHighSurrogate(line.charAt(end - 1))) {
      end--; // never half a character
    }
    return line.substring(0, end) + "…";
  }
}
