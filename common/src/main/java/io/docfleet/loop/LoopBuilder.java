package io.docfleet.loop;

import java.time.Duration;
import java.util.Objects;

/** What a {@link PeriodicLoop} is: its name, interval, and behaviour on failure and close. */
public final class LoopBuilder {
  private static final Duration DEFAULT_CLOSE_WAIT = Duration.ofSeconds(2);

  final String name;
  String description;
  Duration interval;
  Duration firstPass;
  String whileFailing = "";
  Duration closeWait = DEFAULT_CLOSE_WAIT;
  boolean interruptOnClose;

  LoopBuilder(String name) {
    this.name = Objects.requireNonNull(name);
  }

  /** The pause between the end of one pass and the start of the next. */
  public LoopBuilder every(Duration interval) {
    this.interval = interval;
    return this;
  }

  /** How log lines name the loop ("heartbeat of worker w1"): its name unless said here. */
  public LoopBuilder describedAs(String description) {
    this.description = description;
    return this;
  }

  /** When the first pass runs after {@link PeriodicLoop#start}: one interval unless said here. */
  public LoopBuilder firstPassAfter(Duration delay) {
    this.firstPass = delay;
    return this;
  }

  /** What follows while passes fail, for the WARN line ("workers stop starting tasks ..."). */
  public LoopBuilder whileFailing(String consequence) {
    this.whileFailing = consequence;
    return this;
  }

  /**
   * How long {@link PeriodicLoop#close} lets a pass under way finish before it interrupts it (2 s).
   */
  public LoopBuilder closeWait(Duration wait) {
    this.closeWait = wait;
    return this;
  }

  /**
   * {@link PeriodicLoop#close} interrupts a pass under way at once (then waits for it up to the
   * close wait), and drops tasks not yet run: for passes that may be long and are safe to cut
   * short.
   */
  public LoopBuilder interruptOnClose() {
    this.interruptOnClose = true;
    return this;
  }

  /** The loop, not started yet. */
  public PeriodicLoop build(Runnable body) {
    return new PeriodicLoop(this, body, null);
  }
}
