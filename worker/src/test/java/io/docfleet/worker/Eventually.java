package io.docfleet.worker;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** How the fault tests wait for other processes: patiently, since the machine is shared. */
final class Eventually {
  private Eventually() {}

  static ConditionFactory eventually() {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(50));
  }
}
