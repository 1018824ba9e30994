package io.docfleet.api.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code docfleet monitor}: a full-screen view of the fleet, redrawn every few seconds, like {@code
 * top}: workers (heartbeat age, status, in flight, completed), queues (ready, in flight, delayed,
 * dead), the cache hit rate, the queue's and the cache's Redis (uptime, memory and peak, ops/s, hit
 * rate, evictions, clients) and their keys by pattern. Runs until Ctrl-C, whose shutdown hook gives
 * the operator's screen and cursor back. A failed read shows in the frame and the next refresh
 * tries again. {@code --once} prints one frame without escape codes and exits (1 when the API could
 * not be read); so does a monitor whose output is not a terminal, frame after frame.
 */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = {
      "A full-screen view of workers, queues, cache, both Redis and their keys by pattern,",
      "refreshed until Ctrl-C.",
      "--once prints one frame and exits."
    })
final class MonitorCommand implements Callable<Integer> {
  private final CliContext cli;

  @Option(names = "--once", description = "print one frame and exit")
  boolean once;

  @Option(
      names = "--interval",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "time between refreshes (default 2s)")
  Duration interval = Duration.ofSeconds(2);

  /** Stops after this many frames (for tests of the full-screen loop); 0 runs until Ctrl-C. */
  @Option(names = "--frames", hidden = true)
  int frames;

  MonitorCommand(CliContext cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws InterruptedException {
    String url = cli.client().base().toString();
    if (once) {
      List<String> frame = MonitorFrame.render(FleetSnapshot.read(cli), url, null, 0, 0);
      frame.forEach(cli.out()::println);
      return CliFailure.OK;
    }
    if (!cli.terminal()) {
      return plainLoop(url);
    }
    AnsiScreen screen = new AnsiScreen(cli.out());
    Thread restore = new Thread(screen::leave, "docfleet-monitor-restore");
    Runtime.getRuntime().addShutdownHook(restore);
    screen.enter();
    try {
      for (int drawn = 0; screen.showing() && (frames == 0 || drawn < frames); drawn++) {
        if (drawn > 0) {
          cli.sleeper().sleep(interval);
        }
        TerminalSize size = TerminalSize.query();
        screen.draw(
            MonitorFrame.render(
                FleetSnapshot.readOrError(cli), url, interval, size.columns(), size.rows()));
      }
    } finally {
      screen.leave();
      try {
        Runtime.getRuntime().removeShutdownHook(restore);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run: the screen is restored either way
      }
    }
    return CliFailure.OK;
  }

  /** Not a terminal: frames one after another, separated by a blank line, like top -b. */
  private int plainLoop(String url) throws InterruptedException {
    for (int drawn = 0; frames == 0 || drawn < frames; drawn++) {
      if (drawn > 0) {
        cli.sleeper().sleep(interval);
        cli.out().println();
      }
      MonitorFrame.render(FleetSnapshot.readOrError(cli), url, interval, 0, 0)
          .forEach(cli.out()::println);
      cli.out().flush();
    }
    return CliFailure.OK;
  }
}
