package io.docfleet.worker.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds back the first call of every idle {@link GroupCommit} while one thread hands in a run of
 * items, and makes those calls on the same thread when the run ends. A run is a claim loop
 * dispatching what it claimed, or a reply completing the items of its call (whose callbacks hand in
 * the items of the next step): either way, items handed in one after another go out in one call per
 * group, without handing the call to another thread, which would cost a thread wake-up per call on
 * an idle worker.
 *
 * <p>Runs nest: an inner run leaves the sending to the outermost one.
 */
final class DeferredSends {
  private static final ThreadLocal<List<Runnable>> HELD = new ThreadLocal<>();

  private DeferredSends() {}

  /** Runs {@code work}; calls that idle groups start during it are made when it returns. */
  static void during(Runnable work) {
    if (HELD.get() != null) {
      work.run();
      return;
    }
    List<Runnable> held = new ArrayList<>();
    HELD.set(held);
    try {
      work.run();
    } finally {
      HELD.remove();
      for (Runnable send : held) {
        send.run();
      }
    }
  }

  /** Makes the call now, or at the end of the run this thread is in. */
  static void send(Runnable send) {
    List<Runnable> held = HELD.get();
    if (held == null) {
      send.run();
    } else {
      held.add(send);
    }
  }
}
