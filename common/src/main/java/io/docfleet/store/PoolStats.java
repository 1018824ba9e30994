package io.docfleet.store;

import com.zaxxer.hikari.HikariPoolMXBean;

/** A snapshot of a connection pool: connections in use, idle, and threads waiting for one. */
public record PoolStats(int active, int idle, int waiting, int total) {

  static PoolStats of(HikariPoolMXBean pool) {
    return new PoolStats(
        pool.getActiveConnections(),
        pool.getIdleConnections(),
        pool.getThreadsAwaitingConnection(),
        pool.getTotalConnections());
  }
}
