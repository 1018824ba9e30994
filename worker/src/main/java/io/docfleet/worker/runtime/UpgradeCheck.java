package io.docfleet.worker.runtime;

import io.docfleet.coordination.FleetWorkers;
import io.docfleet.coordination.RunProtocol;
import io.docfleet.coordination.WorkerInfo;
import io.docfleet.redis.FleetContext;
import java.util.List;

/**
 * Refuses to start this worker while a live worker of an older run protocol is registered in the
 * fleet ({@link RunProtocol}): such a worker keeps its runs under the older key names, which this
 * version neither checks before it runs a task nor returns while that worker lives, so the two on
 * one queue could run a task twice. A dead older worker does not block: its heartbeat is gone, and
 * the reaper returns what it left in flight. One round trip ({@link FleetWorkers}); the README's
 * Upgrading section tells the drain-and-switch this check enforces.
 */
final class UpgradeCheck {
  private final FleetContext fleet;

  UpgradeCheck(FleetContext fleet) {
    this.fleet = fleet;
  }

  /** Throws {@link UpgradeBlocked} naming the first older live worker found. */
  void check() {
    List<WorkerInfo> older = RunProtocol.olderLiveWorkers(new FleetWorkers(fleet).list());
    if (!older.isEmpty()) {
      WorkerInfo first = older.get(0);
      throw new UpgradeBlocked(
          "worker "
              + first.id()
              + " (host "
              + (first.host().isEmpty() ? "unknown" : first.host())
              + ") runs an older docfleet whose runs this version cannot see"
              + (older.size() > 1 ? ", and " + (older.size() - 1) + " more" : "")
              + "; stop every older worker (let it drain) before starting this one:"
              + " README.md, Upgrading");
    }
  }
}
