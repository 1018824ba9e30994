package io.docfleet.tools.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.queue.QueueCounter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;

/**
 * Runs a demo. By default the pipeline demo ({@link PipelineDemo}): the samples go through a local
 * fleet twice, and the second time the provider cache answers every call. With {@code --queue} the
 * queue demo ({@link QueueDemo}): a few thousand {@code sleep} tasks, then what each worker did.
 * {@code scripts/demo} runs it; the options are in {@link PipelineDemoOptions#USAGE} and {@link
 * DemoOptions#USAGE}. Exits 0 when the run ended as expected, 1 when not, 2 on a bad option or
 * setting, 130 when interrupted.
 */
public final class DemoMain {
  static final String QUEUE = "--queue";

  private DemoMain() {}

  public static void main(String[] args) {
    List<String> arguments = new ArrayList<>(List.of(args));
    boolean queue = arguments.remove(QUEUE);
    if (arguments.contains("--help") || arguments.contains("-h")) {
      System.out.print(queue ? DemoOptions.USAGE : PipelineDemoOptions.USAGE);
      return;
    }
    String usage = queue ? DemoOptions.USAGE : PipelineDemoOptions.USAGE;
    quietLibraryLogs();
    DemoConsole console = DemoConsole.system();
    Instant start = Instant.now();
    int status;
    try {
      status =
          queue
              ? queueDemo(DemoOptions.parse(arguments, Env.system()), console)
              : pipelineDemo(PipelineDemoOptions.parse(arguments), console);
    } catch (ConfigException e) {
      System.err.println("docfleet demo: " + e.getMessage());
      System.err.print(usage);
      System.exit(2);
      return;
    }
    console.line(
        String.format(
            "demo %s after %.1f s",
            status == 0 ? "finished" : status == 130 ? "interrupted" : "failed",
            Duration.between(start, Instant.now()).toMillis() / 1000.0));
    System.exit(status);
  }

  private static int pipelineDemo(PipelineDemoOptions options, DemoConsole console) {
    PipelineDemo demo = new PipelineDemo(options, System.getenv(), console);
    Runtime.getRuntime().addShutdownHook(new Thread(demo::stopOnSignal, "demo-shutdown"));
    return run(
        demo,
        () -> {
          PipelineDemoOutcome outcome = demo.run();
          return outcome.asExpected() ? 0 : 1;
        },
        demo::stopping,
        console);
  }

  private static int queueDemo(DemoOptions options, DemoConsole console) {
    QueueDemo demo = new QueueDemo(options, System.getenv(), console);
    Runtime.getRuntime().addShutdownHook(new Thread(demo::stopOnSignal, "demo-shutdown"));
    return run(
        demo,
        () -> {
          DemoOutcome outcome = demo.run();
          if (!outcome.asExpected()) {
            console.line(
                String.format(
                    "not as expected: %,d completed (expected %,d), %,d dead (expected %,d)",
                    outcome.queue().counter(QueueCounter.COMPLETED),
                    outcome.tasks().expectedCompleted(),
                    outcome.queue().counter(QueueCounter.DEAD_LETTERED),
                    outcome.tasks().expectedDead()));
          }
          return outcome.asExpected() ? 0 : 1;
        },
        demo::stopping,
        console);
  }

  /**
   * The demo's own connection pool, migrations and embedded PostgreSQL log at INFO, between the
   * lines of the demo's output; unless {@code LOG_LEVEL} asks otherwise only their warnings are
   * shown. The workers and the servers the demo starts log to files in the run's log folder.
   */
  private static void quietLibraryLogs() {
    if (System.getenv("LOG_LEVEL") != null) {
      return;
    }
    for (String name : List.of("com.zaxxer.hikari", "org.flywaydb", "io.zonky", "io.docfleet")) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.WARN);
    }
  }

  /** Runs a demo, closes it, and turns how it ended into an exit status. */
  private static int run(
      AutoCloseable demo, Callable<Integer> body, BooleanSupplier stopping, DemoConsole console) {
    try (demo) {
      return body.call();
    } catch (ConfigException e) {
      console.line("docfleet demo: bad configuration: " + e.getMessage());
      return 2;
    } catch (InterruptedException | CancellationException e) {
      return 130;
    } catch (Exception e) {
      if (stopping.getAsBoolean()) {
        return 130;
      }
      console.line("docfleet demo failed: " + e.getMessage());
      return 1;
    }
  }
}
