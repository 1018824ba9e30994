package io.docfleet.api.cli;

import io.docfleet.api.TestCoordinator;
import io.docfleet.config.Env;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the CLI's commands in this JVM against a {@link TestCoordinator}, capturing standard output
 * and error. Waiting between polls does not sleep: each wait runs the next scripted step (a
 * document moving on, say), so a test of {@code --wait} or {@code watch} reads like its story.
 *
 * <pre>{@code
 * Result r = cli.afterEachPoll(() -> complete("doc-1")).run("watch", "doc-1");
 * }</pre>
 */
final class CliHarness {
  /** More waits than any test needs: a command that never ends fails its test instead. */
  private static final int MAX_IDLE_WAITS = 200;

  private final TestCoordinator api;
  private final Map<String, String> env = new HashMap<>();
  private final Deque<Runnable> steps = new ArrayDeque<>();
  private boolean terminal;

  /** What a run left: its exit status and what it printed. */
  record Result(int exit, String out, String err) {}

  CliHarness(TestCoordinator api) {
    this.api = api;
    env.put("DOCFLEET_URL", url());
    env.put("DOCFLEET_TOKEN", TestCoordinator.TOKEN);
  }

  String url() {
    return "http://127.0.0.1:" + api.server().port();
  }

  CliHarness env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  CliHarness terminal(boolean isTerminal) {
    this.terminal = isTerminal;
    return this;
  }

  /** Steps run one per wait between polls, in order. */
  CliHarness afterEachPoll(Runnable... next) {
    steps.addAll(java.util.List.of(next));
    return this;
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintWriter outWriter =
        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter errWriter =
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    int[] idle = {0};
    int exit;
    try {
      CliContext base = DocfleetCli.context(new Env(env), outWriter, errWriter, terminal);
      CliContext cli =
          new CliContext(
              base.client(),
              outWriter,
              errWriter,
              terminal,
              base.clock(),
              d -> {
                Runnable step = steps.poll();
                if (step != null) {
                  step.run();
                } else if (++idle[0] > MAX_IDLE_WAITS) {
                  throw new AssertionError("the command waited " + MAX_IDLE_WAITS + " times");
                } else {
                  Thread.sleep(5);
                }
              });
      exit = DocfleetCli.run(args, cli);
    } catch (CliFailure e) {
      errWriter.println("docfleet: " + e.getMessage());
      exit = e.exitCode();
    }
    outWriter.flush();
    errWriter.flush();
    steps.clear();
    return new Result(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
