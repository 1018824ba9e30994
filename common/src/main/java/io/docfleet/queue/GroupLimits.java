package io.docfleet.queue;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import io.docfleet.task.GroupNames;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * The most tasks of a group that may be in flight at once on one type's queue, across the whole
 * fleet ({@code {tasks:<type>}:groups:limits}): per group, or for every group ({@link
 * #EVERY_GROUP}, {@code QUEUE_GROUP_CONCURRENCY}); a group's own limit wins. Set in one atomic step
 * with the turns it frees ({@code group_limit.lua}): a raised or removed limit lets the group's
 * waiting tasks start at once. The claim reads the limit in the same step that starts a task, so it
 * holds however many workers claim.
 */
public final class GroupLimits {
  /** The field of the limit every group has unless it has its own. */
  public static final String EVERY_GROUP = "*";

  private static final LuaScript SET = LuaScript.load("group_limit");

  private final FleetContext fleet;

  public GroupLimits(FleetContext fleet) {
    this.fleet = fleet;
  }

  /**
   * Sets {@code group}'s limit on {@code type} ({@link #EVERY_GROUP} for every group's), or removes
   * it when {@code limit} is empty; returns the limit set before.
   */
  public OptionalInt set(String type, String group, OptionalInt limit) {
    if (!EVERY_GROUP.equals(group) && !GroupNames.isValid(group)) {
      throw new IllegalArgumentException("group: " + GroupNames.ACCEPTS);
    }
    if (limit.isPresent() && limit.getAsInt() < 1) {
      throw new IllegalArgumentException("a group's concurrency must be 1 or more");
    }
    String before =
        SET.<String>run(
                fleet.redis(),
                RScript.ReturnType.VALUE,
                List.of(fleet.keys().groups().limits(type), fleet.keys().groups().known(type)),
                group,
                limit.isPresent() ? Integer.toString(limit.getAsInt()) : "")
            .toCompletableFuture()
            .join();
    return before == null || before.isEmpty()
        ? OptionalInt.empty()
        : OptionalInt.of(Integer.parseInt(before));
  }

  /** Sets every group's limit on each of {@code types}; {@code most} 0 removes it. */
  public void setEvery(Collection<String> types, int most) {
    OptionalInt limit = most == 0 ? OptionalInt.empty() : OptionalInt.of(most);
    types.forEach(type -> set(type, EVERY_GROUP, limit));
  }

  /** Every limit set on {@code type}: group (or {@link #EVERY_GROUP}) to limit. */
  public Map<String, Integer> read(String type) {
    Map<String, Integer> limits = new HashMap<>();
    fleet
        .redis()
        .<String, String>getMap(fleet.keys().groups().limits(type), StringCodec.INSTANCE)
        .readAllMap()
        .forEach((group, limit) -> limits.put(group, Integer.parseInt(limit)));
    return limits;
  }
}
