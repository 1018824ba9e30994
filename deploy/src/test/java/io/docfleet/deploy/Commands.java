package io.docfleet.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
