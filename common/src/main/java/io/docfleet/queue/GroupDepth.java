package io.docfleet.queue;

import java.util.OptionalInt;

/**
 * One group's tasks on one type's queue: ready in each lane, in flight on any worker, and the limit
 * on those in flight that applies to it (its own, else every group's; empty when none).
 */
public record GroupDepth(String group, LaneDepths ready, long running, OptionalInt limit) {}
