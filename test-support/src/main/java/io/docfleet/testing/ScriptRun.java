package io.docfleet.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a real script of {@code scripts/} as a process, as a user would start it: standard
 * input from {@code /dev/null}, standard output and error kept apart, and the exit status. The
 * environment holds only what the test gives it, plus {@code DOCFLEET_CLASSPATH} (this test's class
 * path, so the script runs what was just compiled instead of building the jar) and a small JVM.
 */
public record ScriptRun(int exit, String out, String err) {
  public static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

  /** What every run's environment starts from: the PATH, the JVM, and no build. */
  public static Map<String, String> baseEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m");
    env.put("DOCFLEET_CLASSPATH", System.getProperty("java.class.path"));
    return env;
  }

  /** Runs {@code scripts/<script> <args>} in {@code folder}, waiting at most {@code timeout}. */
  public static ScriptRun run(
      Path folder, Map<String, String> env, Duration timeout, String script, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(REPOSITORY.resolve("scripts").resolve(script).toString());
    command.addAll(List.of(args));
    return runCommand(folder, env, timeout, command);
  }

  /** Runs {@code command} in {@code folder} with exactly {@code env}. */
  public static ScriptRun runCommand(
      Path folder, Map<String, String> env, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(folder, "out-", ".txt");
    Path err = Files.createTempFile(folder, "err-", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(folder.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          String.join(" ", command)
              + " did not end within "
              + timeout
              + "\nstdout:\n"
              + Files.readString(out, StandardCharsets.UTF_8)
              + "\nstderr:\n"
              + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new ScriptRun(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Both streams, for assertion messages. */
  public String transcript() {
    return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
  }
}
