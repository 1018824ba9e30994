package io.docfleet.tools.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The documents of the pipeline demo's samples folder: every file in it but its manifest. */
final class SampleFolder {
  private static final String MANIFEST = "MANIFEST.md";

  private SampleFolder() {}

  /** Every file of {@code folder} but its manifest, by name; an error when there is none. */
  static List<Path> documents(Path folder) {
    try (Stream<Path> listed = Files.list(folder)) {
      List<Path> files =
          listed
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().equals(MANIFEST))
              .sorted()
              .toList();
      if (files.isEmpty()) {
        throw new IllegalStateException("no documents in " + folder);
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }
}
