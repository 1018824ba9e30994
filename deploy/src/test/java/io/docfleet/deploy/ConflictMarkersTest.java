package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No merge-conflict marker is left in a source, script or document. The formatter can fold a marker
 * into a Javadoc paragraph, where the compiler does not see it (one stood in ApiServer's Javadoc
 * for a day), so the markers are searched anywhere on a line, not only at its start.
 */
class ConflictMarkersTest {
  private static final Pattern MARKER = Pattern.compile("(^|\\s)(<{7}|>{7})( |$)|^={7}$");
  private static final Pattern SCANNED =
      Pattern.compile(
          ".*\\.(java|lua|js|html|css|md|sh|yml|yaml|json|xml|properties)$|.*/scripts/[^./]+$");

  @Test
  void noFileHoldsAConflictMarker() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Repo.root())) {
      files
          .filter(Files::isRegularFile)
          .filter(file -> !ignored(Repo.relative(file)))
          .filter(file -> SCANNED.matcher(file.toString()).matches())
          .forEach(file -> markers(file, found));
    }
    assertThat(found).as("merge-conflict markers").isEmpty();
  }

  @Test
  void theSearchFindsAMarkerFoldedIntoJavadoc() {
    // built, so that this file holds no marker itself
    String ours = "<".repeat(7);
    String theirs = ">".repeat(7);
    assertThat(MARKER.matcher(" * " + ours + " HEAD errors as JSON").find()).isTrue();
    assertThat(MARKER.matcher(" * cannot break a log line. " + theirs + " api-input").find())
        .isTrue();
    assertThat(MARKER.matcher("=".repeat(7)).find()).isTrue();
    assertThat(MARKER.matcher("// a <<<<<<<< longer run, or a === heading ===").find()).isFalse();
  }

  private static boolean ignored(String relative) {
    return relative.startsWith(".git/")
        || relative.contains("/target/")
        || relative.startsWith("target/")
        || relative.contains("node_modules/");
  }

  private static void markers(Path file, List<String> found) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      return; // not text
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < lines.size(); i++) {
      if (MARKER.matcher(lines.get(i)).find()) {
        found.add(Repo.relative(file) + ":" + (i + 1));
      }
    }
  }
}
