package io.docfleet.redis;

import io.docfleet.task.Priority;

/**
 * The names of the groups' keys, from {@link RedisKeys#groups()}: all in the queue's hash slot
 * ({@code {tasks:<type>}}), where the queue's scripts build the same names (include/groups.lua,
 * which says how they work together: a group's ready lists, its running set, the rings of groups
 * that take turns in each lane, the turns each lane owes, the limits).
 */
public final class GroupKeys {
  private final RedisKeys keys;

  GroupKeys(RedisKeys keys) {
    this.keys = keys;
  }

  /**
   * A group's ready list in one lane: {@code {tasks:<type>}:group:<group>} for normal, {@code
   * ...:high} and {@code ...:low} for the others (oldest at the right).
   */
  public String ready(String type, String group, Priority lane) {
    String list = keys.queueTag(type) + ":group:" + group;
    return lane == Priority.NORMAL ? list : list + ":" + lane.wireName();
  }

  /** {@code {tasks:<type>}:group:<group>:running}: the group's task ids in flight (a set). */
  public String running(String type, String group) {
    return ready(type, group, Priority.NORMAL) + ":running";
  }

  /** {@code {tasks:<type>}:groups}: the groups with tasks ready or running (a set). */
  public String known(String type) {
    return keys.queueTag(type) + ":groups";
  }

  /** {@code {tasks:<type>}:groups:ring:<lane>}: the lane's groups in the order they take turns. */
  public String ring(String type, Priority lane) {
    return known(type) + ":ring:" + lane.wireName();
  }

  /** {@code {tasks:<type>}:groups:ringed}: {@code <lane>:<group>} for each group in a ring. */
  public String ringed(String type) {
    return known(type) + ":ringed";
  }

  /** {@code {tasks:<type>}:groups:owed}: per lane, the grouped ready tasks without a turn. */
  public String owed(String type) {
    return known(type) + ":owed";
  }

  /**
   * {@code {tasks:<type>}:groups:limits}: per group the most of its tasks in flight at once across
   * the fleet, {@code *} for every group's (a hash).
   */
  public String limits(String type) {
    return known(type) + ":limits";
  }

  /**
   * {@code groups:config}: the fleet's settings per group (a hash: group to its JSON, {@code
   * io.docfleet.queue.GroupConfigs}), in no queue's slot: workers apply them to the types they
   * serve when they start.
   */
  public String configs() {
    return keys.prefix() + "groups:config";
  }
}
