package io.docfleet.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The Flyway scripts the build ships ({@code db/migration/V*.sql}), for tests that count them. */
final class MigrationScripts {
  private MigrationScripts() {}

  /** How many versioned migrations an empty schema takes. */
  static int count() {
    URL folder = MigrationScripts.class.getClassLoader().getResource("db/migration");
    if (folder == null) {
      throw new IllegalStateException("db/migration is not on the test class path");
    }
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
