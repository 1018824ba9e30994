package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * Every main class of every module (its {@code src/main/java}) is short enough to read in one
 * sitting: at most {@value #MAX_LINES} lines. A longer one is split by responsibility into classes
 * named for what they do.
 */
class MainClassSizeTest {
  static final int MAX_LINES = 250;

  @Test
  void noMainClassIsLongerThanTheLimit() {
    TreeMap<String, Long> sizes = mainClassSizes();
    List<String> tooLong = new ArrayList<>();
    sizes.forEach(
        (file, lines) -> {
          if (lines > MAX_LINES) {
            tooLong.add(file + " (" + lines + " lines)");
          }
        });
    assertThat(tooLong)
        .as("main classes longer than %d lines; split them by responsibility", MAX_LINES)
        .isEmpty();
  }

  @Test
  void findsTheMainClassesOfEveryModule() {
    TreeMap<String, Long> sizes = mainClassSizes();
    assertThat(modules()).contains("common", "worker", "coordinator-api", "tools");
    for (String module : modules()) {
      if (Files.isDirectory(Repo.root().resolve(module).resolve("src/main/java"))) {
        assertThat(sizes.keySet()).anyMatch(file -> file.startsWith(module + "/src/main/java/"));
      }
    }
  }

  /** The line count of each main Java file, keyed by its path from the repository root. */
  private static TreeMap<String, Long> mainClassSizes() {
    TreeMap<String, Long> sizes = new TreeMap<>();
    for (String module : modules()) {
      Path sources = Repo.root().resolve(module).resolve("src/main/java");
      if (!Files.isDirectory(sources)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(sources)) {
        files
            .filter(file -> file.toString().endsWith(".java"))
            .forEach(file -> sizes.put(Repo.relative(file), lines(file)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sizes;
  }

  /** The modules the root pom.xml lists, with main sources or not. */
  private static List<String> modules() {
    try {
      NodeList modules =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(Repo.root().resolve("pom.xml").toFile())
              .getElementsByTagName("module");
      List<String> names = new ArrayList<>();
      for (int i = 0; i < modules.getLength(); i++) {
        names.add(modules.item(i).getTextContent().trim());
      }
      assertThat(names).as("modules in pom.xml").isNotEmpty();
      return names;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the modules of pom.xml", e);
    }
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
