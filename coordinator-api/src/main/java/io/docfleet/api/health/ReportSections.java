package io.docfleet.api.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.queues.QueueView;
import io.docfleet.api.redismonitor.Outcome;
import io.docfleet.api.redismonitor.SectionShape;
import io.docfleet.coordination.WorkerInfo;
import io.docfleet.pools.PoolUse;
import java.util.List;

/**
 * Writes the health report's sections besides the Redis ones ({@link
 * io.docfleet.api.redismonitor.RedisSections}), in the same {@link SectionShape} whether their
 * dependency answered or not: PostgreSQL and the fleet.
 */
final class ReportSections {
  private final ObjectMapper json;

  ReportSections(ObjectMapper json) {
    this.json = json;
  }

  /** What the fleet's members and queues are, as read from the queue's Redis. */
  record Fleet(List<QueueView> queues, List<WorkerInfo> workers) {
    static final Fleet NONE = new Fleet(List.of(), List.of());
  }

  /** PostgreSQL: how long a pooled connection took, and the pool. */
  ObjectNode postgres(Outcome<Double> outcome, Outcome<PoolUse> pool) {
    ObjectNode values = json.createObjectNode();
    values.put("pingMs", outcome.answered() ? outcome.valueOrNull() : 0);
    return SectionShape.section(json, outcome, values, pool);
  }

  /** How many workers (and lost ones) and queues the fleet has. */
  ObjectNode fleet(Outcome<Fleet> outcome) {
    Fleet fleet = outcome.answered() ? outcome.valueOrNull() : Fleet.NONE;
    ObjectNode values = json.createObjectNode();
    values.put("workers", fleet.workers().size());
    values.put("lostWorkers", fleet.workers().stream().filter(WorkerInfo::isLost).count());
    values.put("queues", fleet.queues().size());
    if (!outcome.answered()) {
      SectionShape.nullLeaves(values);
    }
    return values;
  }
}
