package io.docfleet.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Runs the command-line tools some checks need (kubectl, docker-compose, java), when installed. */
final class Commands {
  private Commands() {}

  /** What a command printed and how it ended. */
  record Result(int exitCode, String out, String err) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** The program's path when it is on the PATH. */
  static Optional<Path> onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String folder : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(folder, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The program's path; without it the test skips, saying {@code why} and how to install it, except
   * in CI (the variable {@code CI} set, as {@code .ci/run} sets it), which installs it, so there
   * the test fails instead of passing unseen.
   */
  static Path required(String program, String howToInstall, String why) {
    return required(program, howToInstall, why, System.getenv());
  }

  /** As {@link #required(String, String, String)}, in {@code environment}. */
  static Path required(
      String program, String howToInstall, String why, Map<String, String> environment) {
    Optional<Path> found = onPath(program);
    String missing = program + " is not on the PATH (" + howToInstall + "): " + why;
    String ci = environment.get("CI");
    if (found.isEmpty() && ci != null && !ci.isBlank() && !ci.equals("false")) {
      Assertions.fail(missing + "; CI=" + ci + ", where .ci/run installs it");
    }
    Assumptions.assumeTrue(found.isPresent(), missing);
    return found.get();
  }

  static Result run(Path workingDirectory, String... command) {
    return runWithInput(Path.of("/dev/null"), workingDirectory, command);
  }

  /** Runs a command with a file as its standard input. */
  static Result runWithInput(Path input, Path workingDirectory, String... command) {
    try {
      Path out = Files.createTempFile("docfleet-deploy", ".out");
      Path err = Files.createTempFile("docfleet-deploy", ".err");
      try {
        Process process =
            new ProcessBuilder(new ArrayList<>(List.of(command)))
                .directory(workingDirectory.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(input.toFile()))
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return new Result(-1, "", String.join(" ", command) + ": still running after 120 s");
        }
        return new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      return new Result(-1, "", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "", "interrupted");
    }
  }
}
