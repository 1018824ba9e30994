package io.docfleet.tools.demo;

import java.io.PrintStream;

/**
 * Where the demo writes: plain lines, and a status line that a terminal rewrites in place. Off a
 * terminal (a pipe, a test) status lines become plain lines, so the caller should show them less
 * often.
 */
final class DemoConsole {
  private static final String CLEAR_LINE = "\r\033[K";

  private final PrintStream out;
  private final boolean live;
  private boolean statusShown;

  DemoConsole(PrintStream out, boolean live) {
    this.out = out;
    this.live = live;
  }

  /** The console of this process: live when standard output is a terminal. */
  static DemoConsole system() {
    return new DemoConsole(System.out, System.console() != null);
  }

  boolean live() {
    return live;
  }

  synchronized void line(String text) {
    endStatus();
    out.println(text);
    out.flush();
  }

  synchronized void status(String text) {
    if (live) {
      out.print(CLEAR_LINE + text);
      statusShown = true;
    } else {
      out.println(text);
    }
    out.flush();
  }

  /** Leaves the status line as it is and moves on to a new line. */
  synchronized void endStatus() {
    if (statusShown) {
      out.println();
      statusShown = false;
    }
  }
}
