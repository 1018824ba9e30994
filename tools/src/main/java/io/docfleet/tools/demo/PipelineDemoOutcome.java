package io.docfleet.tools.demo;

import java.util.Optional;

/**
 * How a pipeline demo run ended: its first round (new content) and, when the first completed, its
 * second (the same files as new documents); and whether the spend ledger matched what the stand-ins
 * served (true without stand-ins: nothing to check).
 */
record PipelineDemoOutcome(DemoRound first, Optional<DemoRound> second, boolean spendMatches) {

  /**
   * True when every document of both rounds completed, the second made no provider call, and the
   * ledger matched the stand-ins.
   */
  boolean asExpected() {
    return spendMatches
        && first.allCompleted()
        && second.map(r -> r.allCompleted() && r.providerCalls() == 0).orElse(false);
  }

  /** How many times faster the second round's wall time was; empty without a second round. */
  Optional<Double> speedUp() {
    return second.map(
        r ->
            first.progress().elapsed().toNanos()
                / (double) Math.max(1, r.progress().elapsed().toNanos()));
  }
}
