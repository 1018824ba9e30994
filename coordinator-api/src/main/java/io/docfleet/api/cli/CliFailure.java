package io.docfleet.api.cli;

/**
 * Why a command stopped, said so an operator knows what to do, with the exit status: {@link
 * #FAILED} (1) when the API or a document failed, {@link #USAGE} (2) for a wrong command line or
 * setting.
 */
final class CliFailure extends RuntimeException {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private final int exitCode;

  CliFailure(String message) {
    this(message, FAILED);
  }

  private CliFailure(String message, int exitCode) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  static CliFailure usage(String message) {
    return new CliFailure(message, USAGE);
  }

  int exitCode() {
    return exitCode;
  }
}
