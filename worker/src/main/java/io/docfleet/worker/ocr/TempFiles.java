package io.docfleet.worker.ocr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the temporary files and folders the OCR engines make. */
final class TempFiles {
  private TempFiles() {}

  static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(TempFiles::deleteOne);
    } catch (IOException e) {
      // already gone
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // the OS cleans its temporary folder
    }
  }
}
