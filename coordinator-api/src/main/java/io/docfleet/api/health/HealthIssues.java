package io.docfleet.api.health;

import io.docfleet.api.queues.QueueView;
import io.docfleet.api.redismonitor.RedisInfo;
import io.docfleet.coordination.WorkerInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what the health report read into issues: memory above 90% of {@code maxmemory}, an eviction
 * policy that can evict queue keys ({@code allkeys-*}), task types with ready tasks and no live
 * worker serving them, and dead-letter lists that grew since the last report (the previous sizes
 * are kept in memory; a background sampler can take this over later).
 */
final class HealthIssues {
  static final double MEMORY_LIMIT = 0.90;

  private final Map<String, Long> lastDead = new ConcurrentHashMap<>();
  private volatile Instant lastCheck;

  List<Issue> find(RedisInfo redis, List<QueueView> queues, List<WorkerInfo> workers, Instant now) {
    List<Issue> issues = new ArrayList<>();
    if (redis.maxMemory() > 0 && redis.memoryRatio() > MEMORY_LIMIT) {
      issues.add(
          new Issue(
              Issue.Severity.CRITICAL,
              "memory_high",
              String.format(
                  "Redis uses %.0f%% of maxmemory (%d of %d bytes)",
                  redis.memoryRatio() * 100, redis.usedMemory(), redis.maxMemory())));
    }
    if (redis.mayEvictQueueKeys()) {
      issues.add(
          new Issue(
              Issue.Severity.CRITICAL,
              "eviction_risk",
              "maxmemory-policy is "
                  + redis.maxMemoryPolicy()
                  + ": under memory pressure Redis may evict queue keys (they have no TTL);"
                  + " use noeviction or volatile-* on the queue's instance"));
    }
    for (QueueView queue : queues) {
      if (queue.ready() > 0 && workers.stream().noneMatch(w -> w.serves(queue.type()))) {
        issues.add(
            new Issue(
                Issue.Severity.WARNING,
                "no_workers",
                queue.ready()
                    + " task(s) of type "
                    + queue.type()
                    + " are ready and no live worker serves it"));
      }
      if (queue.paused() && queue.ready() > 0) {
        issues.add(
            new Issue(
                Issue.Severity.INFO,
                "paused",
                "type " + queue.type() + " is paused with " + queue.ready() + " ready task(s)"));
      }
      Long before = lastDead.put(queue.type(), queue.dead());
      if (before != null && queue.dead() > before) {
        issues.add(
            new Issue(
                Issue.Severity.WARNING,
                "dead_letters_growing",
                "the dead-letter list of "
                    + queue.type()
                    + " grew by "
                    + (queue.dead() - before)
                    + " since "
                    + lastCheck
                    + " (now "
                    + queue.dead()
                    + ")"));
      }
    }
    lastCheck = now;
    return issues;
  }

  /** The worst severity among the issues; {@code ok} when there are none. */
  static String status(List<Issue> issues) {
    return issues.stream()
        .map(Issue::severity)
        .filter(s -> s != Issue.Severity.INFO)
        .max(Enum::compareTo)
        .map(Issue.Severity::wireName)
        .orElse("ok");
  }
}
