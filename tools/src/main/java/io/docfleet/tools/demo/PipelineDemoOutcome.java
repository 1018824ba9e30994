package io.docfleet.tools.demo;

import java.util.Optional;

/**
 * How a pipeline demo run ended: its first round (new content) and, when the first completed, its
 * second (the same files as new documents).
 */
record PipelineDemoOutcome(DemoRound first, Optional<DemoRound> second) {

  /** True when every document of both rounds completed and the second made no provider call. */
  boolean asExpected() {
    return first.allCompleted()
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
