package io.docfleet.queue;

import io.docfleet.spend.Budgets;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an operator set for one group across the fleet ({@code PUT /api/v1/groups/<group>}): the
 * most of its tasks in flight at once on each type ({@link GroupLimits}), the webhook destination
 * of its documents that name none of their own, and its daily and monthly provider budgets.
 */
public record GroupConfig(OptionalInt concurrency, Optional<String> callbackUrl, Budgets budgets) {
  /** A group nothing was set for. */
  public static final GroupConfig NONE =
      new GroupConfig(OptionalInt.empty(), Optional.empty(), Budgets.NONE);

  /** A group's limit and webhook, without budgets. */
  public GroupConfig(OptionalInt concurrency, Optional<String> callbackUrl) {
    this(concurrency, callbackUrl, Budgets.NONE);
  }

  /** True when nothing is set. */
  public boolean isEmpty() {
    return concurrency.isEmpty() && callbackUrl.isEmpty() && budgets.isEmpty();
  }
}
