package io.docfleet.pools;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.redisson.Redisson;
import org.redisson.api.NodeType;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisConnection;
import org.redisson.connection.ClientConnectionsEntry;
import org.redisson.connection.ConnectionsHolder;
import org.redisson.connection.MasterSlaveEntry;

/**
 * Reads a Redisson client's command connection pools from Redisson's internals, summed over every
 * node it keeps a pool for (one primary in single and sentinel mode, each primary of a cluster).
 * The open-source Redisson has no public pool statistics (its metrics are in the paid edition), so
 * this is the one class that reaches inside: {@code ConnectionManager.getEntrySet()}, each entry's
 * {@code ClientConnectionsEntry} and its {@code ConnectionsHolder} (all connections, free
 * connections, and the semaphore requests wait on). {@code RedissonPoolsTest} fails when an upgrade
 * changes them. Publish/subscribe connections (lock waiters) have a pool of their own and are not
 * counted.
 */
final class RedissonPools {
  private RedissonPools() {}

  /** The pool of {@code redis}, named {@code name} ({@code queue}, {@code cache}). */
  static PoolUse read(RedissonClient redis, String name) {
    if (!(redis instanceof Redisson redisson)) {
      throw new IllegalArgumentException("not a Redisson client: " + redis.getClass().getName());
    }
    int open = 0;
    int idle = 0;
    int pending = 0;
    int max = 0;
    for (MasterSlaveEntry entry :
        redisson.getCommandExecutor().getConnectionManager().getEntrySet()) {
      for (ClientConnectionsEntry node : nodes(entry)) {
        ConnectionsHolder<RedisConnection> holder = node.getConnectionsHolder();
        open += holder.getAllConnections().size();
        idle += holder.getFreeConnections().size();
        pending += holder.getFreeConnectionsCounter().queueSize();
        max +=
            node.getNodeType() == NodeType.MASTER
                ? entry.getConfig().getMasterConnectionPoolSize()
                : entry.getConfig().getSlaveConnectionPoolSize();
      }
    }
    // a connection taken from the pool is out of the free list until it is released
    int active = Math.max(0, Math.min(open - idle, max));
    return new PoolUse("Redis", name, "REDIS_POOL_SIZE", open, active, idle, max, pending);
  }

  /** The primary's pool and any replica's, each once (the primary may be listed among them). */
  private static Set<ClientConnectionsEntry> nodes(MasterSlaveEntry entry) {
    Set<ClientConnectionsEntry> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
    if (entry.getEntry() != null) {
      nodes.add(entry.getEntry());
    }
    nodes.addAll(entry.getAllEntries());
    return nodes;
  }
}
