package io.docfleet.tools.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folders of the repository a demo runs in, found upward from the working folder by its {@code
 * samples/MANIFEST.md}: the samples, and {@code target/demo} for the logs ({@code scripts/demo}
 * names both itself, from wherever it is started).
 */
final class RepositoryFolders {
  private RepositoryFolders() {}

  /** The repository's root, when the working folder is inside it. */
  static Optional<Path> root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("samples").resolve("MANIFEST.md"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** {@code samples/} of the repository (or {@code samples} here, which the options refuse). */
  static Path samples() {
    return root().map(dir -> dir.resolve("samples")).orElse(Path.of("samples"));
  }

  /**
   * {@code target/demo} of the repository; outside one, {@code docfleet-demo} in the temp folder.
   */
  static Path logs() {
    return root()
        .map(dir -> dir.resolve("target").resolve("demo"))
        .orElse(Path.of(System.getProperty("java.io.tmpdir"), "docfleet-demo"));
  }
}
