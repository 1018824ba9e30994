package io.docfleet.queue;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an operator set for one group across the fleet ({@code PUT /api/v1/groups/<group>}): the
 * most of its tasks in flight at once on each type ({@link GroupLimits}), and the webhook
 * destination of its documents that name none of their own.
 */
public record GroupConfig(OptionalInt concurrency, Optional<String> callbackUrl) {
  /** A group nothing was set for. */
  public static final GroupConfig NONE = new GroupConfig(OptionalInt.empty(), Optional.empty());

  /** True when nothing is set. */
  public boolean isEmpty() {
    return concurrency.isEmpty() && callbackUrl.isEmpty();
  }
}
