package io.docfleet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and its deploy/ folder are (Surefire passes {@code docfleet.root}). */
final class Repo {
  private Repo() {}

  static Path root() {
    return Path.of(System.getProperty("docfleet.root", "..")).toAbsolutePath().normalize();
  }

  static Path deploy() {
    return root().resolve("deploy");
  }

  static Path k8s() {
    return deploy().resolve("k8s");
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path relative to the repository root, for messages. */
  static String relative(Path file) {
    return root().relativize(file.toAbsolutePath().normalize()).toString();
  }
}
