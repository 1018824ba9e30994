package io.docfleet.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The docfleet version this process runs (the build's project version, from {@code
 * io/docfleet/version.properties}): what a worker registers as {@code version}, so operators see
 * which build each worker runs during a rolling upgrade.
 */
public final class DocfleetVersion {
  private static final String RESOURCE = "/io/docfleet/version.properties";
  private static final String CURRENT = read();

  private DocfleetVersion() {}

  /** The version, such as {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    return CURRENT;
  }

  private static String read() {
    try (InputStream in = DocfleetVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
