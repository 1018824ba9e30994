package io.docfleet.api.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * The terminal while {@code docfleet monitor} owns it: {@link #enter()} switches to the alternate
 * screen, hides the cursor and clears; {@link #draw} homes the cursor and rewrites every line
 * (erasing what the last frame left); {@link #leave()} shows the cursor and restores the screen the
 * operator had. Leaving is idempotent and may come from the Ctrl-C shutdown hook while the loop
 * draws: both hold this object's lock, and nothing is drawn after leaving.
 */
final class AnsiScreen {
  static final String ALTERNATE_SCREEN = "\033[?1049h";
  static final String MAIN_SCREEN = "\033[?1049l";
  static final String HIDE_CURSOR = "\033[?25l";
  static final String SHOW_CURSOR = "\033[?25h";
  static final String CLEAR_SCREEN = "\033[2J";
  static final String CURSOR_HOME = "\033[H";
  static final String ERASE_TO_LINE_END = "\033[K";
  static final String ERASE_BELOW = "\033[J";

  private final PrintWriter out;
  private boolean entered;
  private boolean left;

  AnsiScreen(PrintWriter out) {
    this.out = out;
  }

  synchronized void enter() {
    out.print(ALTERNATE_SCREEN + HIDE_CURSOR + CURSOR_HOME + CLEAR_SCREEN);
    out.flush();
    entered = true;
  }

  synchronized void draw(List<String> lines) {
    if (left) {
      return;
    }
    StringBuilder frame = new StringBuilder(CURSOR_HOME);
    for (String line : lines) {
      frame.append(line).append(ERASE_TO_LINE_END).append('\n');
    }
    frame.append(ERASE_BELOW);
    out.print(frame);
    out.flush();
  }

  /** False once left (after Ctrl-C, say): the loop stops drawing. */
  synchronized boolean showing() {
    return entered && !left;
  }

  synchronized void leave() {
    if (left || !entered) {
      left = true;
      return;
    }
    left = true;
    out.print(SHOW_CURSOR + MAIN_SCREEN);
    out.flush();
  }
}
