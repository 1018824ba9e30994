package io.docfleet.redis;

import io.docfleet.task.Priority;
import java.util.List;

/**
 * The families of keys {@link RedisKeys#families} lists, each pattern built by the method that
 * builds its names: that method is called with a placeholder for each caller's value (which no
 * escaping touches) on a {@link RedisKeys} whose prefix is glob-escaped, and the placeholder then
 * becomes {@code *}. So when a method changes the names it builds, its family follows, and when its
 * arguments change this class stops compiling.
 */
final class KeyFamilies {
  /** A character of Unicode's private use area: no caller's value, no escaping, no name has it. */
  private static final String ANY = "\uE000";

  private KeyFamilies() {}

  static List<KeyFamily> of(String prefix) {
    RedisKeys k = new RedisKeys(KeyParts.globEscaped(prefix));
    String x = ANY;
    // A key counts in the first family it matches: the workers' index before their registrations,
    // locks and counters before the entries whose pattern also matches them, states and indexes
    // before the pointers.
    return List.of(
        family("ready", k.ready(x)),
        family("inFlight", k.inFlight(x, x)),
        family("delayed", k.delayed(x)),
        family("dead", k.dead(x)),
        family("stats", k.stats(x)),
        family("paused", k.paused(x)),
        family("idempotency", k.idempotency(x, x)),
        family("runLock", k.runs().lock(x, x)),
        family("assignments", k.runs().assignments(x)),
        family("assignmentsExpiry", k.runs().assignmentsExpiry(x)),
        family("highLane", k.runs().lane(x, Priority.HIGH)),
        family("lowLane", k.runs().lane(x, Priority.LOW)),
        family("laneTurns", k.runs().laneTurns(x)),
        family("lanePaused", k.paused(x) + ":" + x),
        family("groupRunning", k.groups().running(x, x)),
        family("groupReady", k.groups().ready(x, x, Priority.NORMAL)),
        family("groupRing", k.groups().known(x) + ":ring:" + x),
        family("groupsRinged", k.groups().ringed(x)),
        family("groupsOwed", k.groups().owed(x)),
        family("groupLimits", k.groups().limits(x)),
        family("groups", k.groups().known(x)),
        family("groupConfigs", k.groups().configs()),
        family("legacyInFlight", k.legacy().inFlight(x, x)),
        family("legacyRunLock", k.legacy().lock(x)),
        family("legacyAssignment", k.legacy().assignment(x)),
        family("workersIndex", k.workersIndex()),
        family("worker", k.worker(x)),
        family("queuesIndex", k.queuesIndex()),
        family("pendingDocument", k.pendingDocument(x)),
        family("documentState", k.documentState(x)),
        family("documentIndex", k.documentIndex(x)),
        family("documentPointer", k.documentPointer(x, x)),
        family("cacheLock", k.cacheLock(x, x, x, x, x)),
        family("cacheMetrics", k.cacheMetrics(x)),
        family("cacheEntry", k.cacheEntry(x, x, x, x, x)),
        family("apiIdempotency", k.apiIdempotency(x)),
        family("rateLimit", k.rateLimit(x, x)),
        family("ocrJobStatus", k.ocrJobs().status(x)),
        family("ocrJobResult", k.ocrJobs().result(x)),
        family("ocrJobIdempotency", k.ocrJobs().idempotency(x)),
        family("webhookDestinations", k.metrics().webhookDestinations()),
        family("webhookDestination", k.metrics().webhookDestination(x)),
        family("taskDuration", k.metrics().taskDuration(x)),
        family("providerCall", k.metrics().providerCall(x, x)),
        family("spendDay", k.spend().day(x)),
        family("spendMonth", k.spend().month(x)),
        family("spendTotal", k.spend().total()),
        family("spendBudgets", k.spend().budgets()));
  }

  private static KeyFamily family(String name, String built) {
    return new KeyFamily(name, built.replace(ANY, "*"));
  }
}
