package io.docfleet.worker.demo;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Runs the demo: a local fleet of worker JVMs works through a few thousand {@code sleep} tasks
 * while one line shows the progress; then what each worker did. {@code scripts/demo} runs it; the
 * options are in {@link DemoOptions#USAGE}. Exits 0 when every task ended as expected, 1 when not,
 * 2 on a bad option or setting.
 */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] args) {
    List<String> arguments = List.of(args);
    if (arguments.contains("--help") || arguments.contains("-h")) {
      System.out.print(DemoOptions.USAGE);
      return;
    }
    DemoOptions options;
    try {
      options = DemoOptions.parse(arguments, Env.system());
    } catch (ConfigException e) {
      System.err.println("docfleet demo: " + e.getMessage());
      System.err.print(DemoOptions.USAGE);
      System.exit(2);
      return;
    }
    Instant start = Instant.now();
    DemoConsole console = DemoConsole.system();
    Demo demo = new Demo(options, System.getenv(), console);
    Runtime.getRuntime().addShutdownHook(new Thread(demo::stopOnSignal, "demo-shutdown"));
    int status = run(demo, console);
    console.line(
        String.format(
            "demo %s after %.1f s",
            status == 0 ? "finished" : demo.stopping() ? "interrupted" : "failed",
            Duration.between(start, Instant.now()).toMillis() / 1000.0));
    System.exit(status);
  }

  private static int run(Demo demo, DemoConsole console) {
    try (demo) {
      DemoOutcome outcome = demo.run();
      if (!outcome.asExpected()) {
        console.line(
            String.format(
                "not as expected: %,d completed (expected %,d), %,d dead (expected %,d)",
                outcome.queue().counter("completed"),
                outcome.tasks().expectedCompleted(),
                outcome.queue().counter("dead"),
                outcome.tasks().expectedDead()));
      }
      return outcome.asExpected() ? 0 : 1;
    } catch (ConfigException e) {
      console.line("docfleet demo: bad configuration: " + e.getMessage());
      return 2;
    } catch (InterruptedException | CancellationException e) {
      return 130;
    } catch (RuntimeException e) {
      if (!demo.stopping()) {
        console.line("docfleet demo failed: " + e.getMessage());
      }
      return 1;
    }
  }
}
