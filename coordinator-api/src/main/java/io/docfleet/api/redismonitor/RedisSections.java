package io.docfleet.api.redismonitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.pools.PoolUse;

/**
 * Writes a Redis's section, the same in the health report ({@code redis}, {@code cache}), the
 * dashboard's snapshot and the Redis monitor ({@code queue}, {@code cache}), in the {@link
 * SectionShape} of every dependency: its server figures, masters, keys by family and by kind,
 * connections by client, and this process's pool to it. The cache's section also says whether the
 * cache is on and whether it shares the queue's Redis ({@code disabled} when it is off).
 */
public final class RedisSections {
  private final ObjectMapper json;

  public RedisSections(ObjectMapper json) {
    this.json = json;
  }

  /** The queue's Redis. */
  public ObjectNode queue(RedisServers servers, RedisServers.Looks looks) {
    return section(looks.queue(), Outcome.of(servers.queue().pool()::use));
  }

  /** The cache's Redis, with {@code enabled} and {@code sharedWithQueue}. */
  public ObjectNode cache(RedisServers servers, RedisServers.Looks looks) {
    Outcome<PoolUse> pool = Outcome.of(servers.cache().pool()::use);
    ObjectNode node = section(looks.cache(), pool);
    if (!servers.cacheEnabled()) {
      node.put("status", SectionShape.DISABLED);
      node.putNull("error");
    }
    node.put("enabled", servers.cacheEnabled());
    node.put("sharedWithQueue", servers.cacheShared());
    return node;
  }

  /** One Redis and the pool of this process's client of it. */
  public ObjectNode section(Outcome<RedisReading> outcome, Outcome<PoolUse> pool) {
    RedisReading reading = outcome.answered() ? outcome.valueOrNull() : RedisReading.NONE;
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
    values.set("keys", keys(reading.keys()));
    values.set("connectionsByClient", json.valueToTree(reading.connections()));
    return SectionShape.section(json, outcome, values, pool);
  }

  private ObjectNode keys(KeyCounts counts) {
    ObjectNode keys = json.createObjectNode();
    keys.put("total", counts.total());
    keys.put("sampled", counts.sampled());
    keys.put("complete", counts.complete());
    keys.put("scaled", counts.scaled());
    keys.put("scanMs", counts.scanMillis());
    keys.put("countedAt", counts.countedAt().toString());
    ArrayNode byPattern = keys.putArray("byPattern");
    for (KeyCounts.FamilyCount family : counts.byFamily()) {
      byPattern
          .addObject()
          .put("name", family.name())
          .put("pattern", family.pattern())
          .put("count", family.count());
    }
    keys.put("other", counts.other());
    keys.set("byPrefix", json.valueToTree(counts.byKind()));
    return keys;
  }
}
