package io.docfleet.worker;

import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.runtime.Worker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The workers of one test: JVMs of their own, or runtimes inside the test JVM where a process would
 * only cost start-up time. When the test fails, the end of each worker JVM's output is attached to
 * the failure; after the test, every worker still running is stopped. Tests that delete their keys
 * afterwards call {@link #killAll} first, so no worker writes them again.
 */
final class WorkerProcesses implements AfterEachCallback, TestExecutionExceptionHandler {
  private static final int TAIL_LINES = 60;

  private final List<WorkerProcess> started = new ArrayList<>();
  private final List<Worker> inThisJvm = new ArrayList<>();

  WorkerProcess start(WorkerProcess.Spec spec) {
    WorkerProcess worker = spec.start();
    started.add(worker);
    return worker;
  }

  /** Starts the worker of {@code spec} inside the test JVM, on the fleet's Redis client. */
  Worker startInThisJvm(WorkerProcess.Spec spec, TestFleet fleet) {
    FleetConfig config = FleetConfig.fromEnv(new Env(spec.against(fleet).environment()));
    Worker worker = new Worker(fleet.context(), config, HandlerRegistry.withBuiltins());
    inThisJvm.add(worker);
    worker.start();
    return worker;
  }

  /** Kills the worker JVMs and drains the workers in this JVM. */
  void killAll() {
    started.forEach(WorkerProcess::close);
    inThisJvm.forEach(Worker::close);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    for (WorkerProcess worker : started) {
      failure.addSuppressed(new WorkerOutput(worker));
    }
    throw failure;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    killAll();
    started.clear();
    inThisJvm.clear();
  }

  /** Carries a worker's last lines of output into a test failure's report. */
  private static final class WorkerOutput extends Throwable {
    WorkerOutput(WorkerProcess worker) {
      super(
          "output of worker "
              + worker.id()
              + " (pid "
              + worker.pid()
              + ", "
              + worker.log()
              + "), last lines:\n"
              + tail(worker.output()),
          null,
          false,
          false);
    }

    private static String tail(String output) {
      List<String> lines = output.lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
  }
}
