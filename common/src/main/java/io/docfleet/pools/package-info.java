/**
 * The connection pools of a process (its Redis clients' and its PostgreSQL pool): how full each is
 * ({@link io.docfleet.pools.PoolUse}), their meters, the warning when one passes 80% of its
 * maximum, and the periodic statistics line ({@link io.docfleet.pools.PoolMonitor}).
 */
package io.docfleet.pools;
