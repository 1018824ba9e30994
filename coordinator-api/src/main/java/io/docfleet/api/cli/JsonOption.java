package io.docfleet.api.cli;

import picocli.CommandLine.Option;

/** {@code --json}: print the API's JSON instead of the human-readable view. */
final class JsonOption {
  @Option(names = "--json", description = "print the API's JSON instead of a table")
  boolean json;
}
