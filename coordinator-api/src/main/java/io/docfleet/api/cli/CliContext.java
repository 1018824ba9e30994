package io.docfleet.api.cli;

import java.io.PrintWriter;
import java.time.Clock;

/**
 * What every subcommand shares: the API's client, standard output and error, whether standard
 * output is a terminal (progress bars redraw in place and the monitor takes the screen only then),
 * the clock and how to wait between polls.
 */
record CliContext(
    ApiClient client,
    PrintWriter out,
    PrintWriter err,
    boolean terminal,
    Clock clock,
    Sleeper sleeper) {

  /** Waits between polls; tests pass one that does not sleep for long. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(java.time.Duration duration) throws InterruptedException;
  }

  /** Prints the API's JSON as it answered, indented. */
  void printJson(Object node) {
    try {
      out.println(client.json().writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new CliFailure("cannot print the answer as JSON: " + e.getMessage());
    }
    out.flush();
  }
}
