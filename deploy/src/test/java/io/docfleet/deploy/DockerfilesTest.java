package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Dockerfiles, read statically (no Docker engine runs here): a Maven build stage, a Java 17 JRE
 * runtime, a non-root user, a HEALTHCHECK on /health, a heap sized from the container's memory
 * limit, and the jar each module's pom names.
 */
class DockerfilesTest {
  private static final Pattern FINAL_NAME = Pattern.compile("<finalName>([^<]+)</finalName>");

  /** A Dockerfile and the module it builds. */
  record Image(Path dockerfile, String module, String port) {
    @Override
    public String toString() {
      return Repo.relative(dockerfile);
    }
  }

  static List<Image> images() {
    return List.of(
        new Image(Dockerfiles.WORKER, "worker", "${WORKER_HTTP_PORT:-8081}"),
        new Image(Dockerfiles.COORDINATOR, "coordinator-api", "${COORDINATOR_PORT:-8080}"));
  }

  @ParameterizedTest
  @MethodSource("images")
  void buildsTheModuleWithMavenInAStageOfItsOwn(Image image) {
    List<String> all = Dockerfiles.instructions(image.dockerfile());
    assertThat(all).filteredOn(i -> i.startsWith("FROM ")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(all.get(0)).matches("FROM maven:\\S*17\\S* AS build");
    assertThat(all)
        .anyMatch(
            i ->
                i.startsWith("RUN ")
                    && i.contains("mvn ")
                    && i.contains("-pl " + image.module() + " -am")
                    && i.contains("package"));
  }

  @ParameterizedTest
  @MethodSource("images")
  void runsTheModulesJarOnAJava17RuntimeAsAnUnprivilegedUser(Image image) {
    List<String> last = Dockerfiles.finalStage(image.dockerfile());
    assertThat(last.get(0)).matches("FROM \\S*(jre|runtime)\\S*").contains("17");
    String jar = finalName(image.module()) + ".jar";
    assertThat(last)
        .contains("COPY --from=build /src/" + image.module() + "/target/lib/ /app/lib/")
        .contains("COPY --from=build /src/" + image.module() + "/target/" + jar + " /app/" + jar)
        .contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/" + jar + "\"]");
    String user =
        last.stream().filter(i -> i.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
    assertThat(user).matches("USER [1-9][0-9]*(:[1-9][0-9]*)?");
  }

  @ParameterizedTest
  @MethodSource("images")
  void checksHealthAndSizesTheHeapFromTheContainersLimit(Image image) {
    List<String> last = Dockerfiles.finalStage(image.dockerfile());
    assertThat(last)
        .anyMatch(
            i ->
                i.startsWith("HEALTHCHECK ")
                    && i.contains("http://127.0.0.1:" + image.port() + "/health"));
    assertThat(last)
        .anyMatch(
            i ->
                i.startsWith("ENV ")
                    && i.matches(".*JAVA_TOOL_OPTIONS=\"[^\"]*-XX:MaxRAMPercentage=\\d+.*"));
  }

  @Test
  void theWorkerImageHasTesseractWithEnglish() {
    assertThat(Dockerfiles.finalStage(Dockerfiles.WORKER))
        .anyMatch(
            i ->
                i.startsWith("RUN ")
                    && i.contains("apt-get install")
                    && i.contains(" tesseract-ocr ")
                    && i.contains(" tesseract-ocr-eng "));
  }

  @Test
  void theBuildContextKeepsThePomsAndSourcesAndLeavesOutTheRest() {
    List<String> ignored =
        Repo.read(Repo.root().resolve(".dockerignore"))
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(ignored).contains(".git", "**/target");
    for (String kept :
        List.of(
            "pom.xml",
            "common",
            "worker",
            "coordinator-api",
            "local-servers", // the reactor reads every module's pom.xml
            "test-support",
            "tools",
            "deploy",
            "deploy/pom.xml",
            "*/src",
            "**/pom.xml")) {
      assertThat(ignored).as(".dockerignore must keep " + kept).doesNotContain(kept);
    }
  }

  private static String finalName(String module) {
    Matcher m = FINAL_NAME.matcher(Repo.read(Repo.root().resolve(module).resolve("pom.xml")));
    assertThat(m.find()).as(module + "/pom.xml names its finalName").isTrue();
    return m.group(1);
  }
}
