package io.docfleet.api.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.queues.QueueView;
import io.docfleet.coordination.WorkerInfo;
import io.docfleet.pools.PoolUse;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the sections of the health report in one shape whether their dependency answered or not:
 * each starts with {@code status} ({@code ok}, {@code unavailable} or {@code disabled}) and {@code
 * error}, and what could not be read is null (a map, such as {@code keys.byPrefix}, is empty), so a
 * client reads every report the same way.
 */
final class ReportSections {
  static final String OK = "ok";
  static final String UNAVAILABLE = "unavailable";
  static final String DISABLED = "disabled";

  private final ObjectMapper json;

  ReportSections(ObjectMapper json) {
    this.json = json;
  }

  /** What the fleet's members and queues are, as read from the queue's Redis. */
  record Fleet(List<QueueView> queues, List<WorkerInfo> workers) {
    static final Fleet NONE = new Fleet(List.of(), List.of());
  }

  /** A Redis (the queue's or the cache's) and the pool of this process's client of it. */
  ObjectNode redis(Outcome<RedisProbe.Reading> outcome, Outcome<PoolUse> pool) {
    RedisProbe.Reading reading =
        outcome.answered() ? outcome.valueOrNull() : RedisProbe.Reading.NONE;
    RedisInfo info = reading.info();
    ObjectNode values = json.createObjectNode();
    values.put("pingMs", reading.pingMillis());
    values.put("version", info.version());
    values.put("mode", info.mode());
    values.put("masters", reading.masters());
    values.put("uptimeSeconds", info.uptimeSeconds());
    ObjectNode memory = values.putObject("memory");
    memory.put("usedBytes", info.usedMemory());
    memory.put("maxBytes", info.maxMemory());
    memory.put("peakBytes", info.peakMemory());
    memory.put("usedRatio", info.memoryRatio());
    values.put("maxmemoryPolicy", info.maxMemoryPolicy());
    values.put("evictionRisk", info.mayEvictQueueKeys());
    values.put("evictsLeastUsed", info.evictsLeastUsed());
    ObjectNode clients = values.putObject("clients");
    clients.put("connected", info.connectedClients());
    clients.put("blocked", info.blockedClients());
    values.put("opsPerSecond", info.opsPerSecond());
    values.put("commandsProcessed", info.commandsProcessed());
    values.put("keyspaceHitRate", info.hitRate());
    values.put("evictedKeys", info.evictedKeys());
    ObjectNode keys = values.putObject("keys");
    keys.put("total", reading.keys().total());
    keys.put("sampled", reading.keys().sampled());
    keys.set("byPrefix", json.valueToTree(reading.keys().estimatedByKind()));
    values.set("connectionsByClient", json.valueToTree(reading.connections()));
    return section(outcome, values, pool);
  }

  /**
   * A Redis this process does not use: the cache's, with {@code REDIS_ENABLE_OPTIMIZATION=false}.
   */
  ObjectNode disabledRedis(Outcome<PoolUse> pool) {
    ObjectNode node = redis(new Outcome.Unavailable<>(null, null), pool);
    node.put("status", DISABLED);
    return node;
  }

  /** PostgreSQL: how long a pooled connection took, and the pool. */
  ObjectNode postgres(Outcome<Double> outcome, Outcome<PoolUse> pool) {
    ObjectNode values = json.createObjectNode();
    values.put("pingMs", outcome.answered() ? outcome.valueOrNull() : 0);
    return section(outcome, values, pool);
  }

  /** How many workers (and lost ones) and queues the fleet has. */
  ObjectNode fleet(Outcome<Fleet> outcome) {
    Fleet fleet = outcome.answered() ? outcome.valueOrNull() : Fleet.NONE;
    ObjectNode values = json.createObjectNode();
    values.put("workers", fleet.workers().size());
    values.put("lostWorkers", fleet.workers().stream().filter(WorkerInfo::isLost).count());
    values.put("queues", fleet.queues().size());
    if (!outcome.answered()) {
      nullLeaves(values);
    }
    return values;
  }

  /** A connection pool's statistics; null values when it could not be read. */
  ObjectNode pool(Outcome<PoolUse> outcome) {
    PoolUse use =
        outcome.answered() ? outcome.valueOrNull() : new PoolUse("", "", "", 0, 0, 0, 0, 0);
    ObjectNode node = json.createObjectNode();
    node.put("name", use.name());
    node.put("open", use.open());
    node.put("active", use.active());
    node.put("idle", use.idle());
    node.put("pending", use.pending());
    node.put("max", use.max());
    node.put("usedRatio", use.usedRatio());
    if (!outcome.answered()) {
      nullLeaves(node);
    }
    return node;
  }

  private ObjectNode section(Outcome<?> outcome, ObjectNode values, Outcome<PoolUse> pool) {
    ObjectNode node = json.createObjectNode();
    node.put("status", outcome.answered() ? OK : UNAVAILABLE);
    node.put("error", outcome.errorOrNull());
    if (!outcome.answered()) {
      nullLeaves(values);
    }
    node.setAll(values);
    node.set("pool", pool(pool));
    return node;
  }

  /** Every value of {@code node} and of its objects turned null; maps (of no fixed shape) stay. */
  private static void nullLeaves(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (node.get(name) instanceof ObjectNode object) {
        nullLeaves(object);
      } else {
        node.putNull(name);
      }
    }
  }
}
