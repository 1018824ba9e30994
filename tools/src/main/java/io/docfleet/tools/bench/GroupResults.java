package io.docfleet.tools.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Optional;

/**
 * What the group runs ({@link GroupRuns}) measured, each present when it ran: one summary line
 * each, printed after the report, and their figures in the report's JSON line.
 */
record GroupResults(Optional<GroupResults.Fairness> fairness, Optional<GroupResults.Limit> limit) {
  static GroupResults none() {
    return new GroupResults(Optional.empty(), Optional.empty());
  }

  /** What the fairness run measured. */
  record Fairness(int backlog, int workers, int concurrency, GroupFairness seen, long retried) {
    void print(PrintStream out) {
      out.printf(
          "group fairness: %d tasks of group a queued, then %d of group b (%d worker(s),"
              + " concurrency %d); %d of a's completed between b's submit and b's last"
              + " completion (%d of them started before b's submit), %d after; b's"
              + " submit-to-complete ms p50 %d, max %d%s%n",
          backlog,
          seen.lateTasks(),
          workers,
          concurrency,
          seen.earlyBetween(),
          seen.earlyBetweenStartedBefore(),
          seen.earlyAfter(),
          seen.lateLatency().p50(),
          seen.lateLatency().max(),
          problems(seen.lateMissing(), seen.duplicates(), retried));
    }

    void addTo(ObjectNode root) {
      ObjectNode node = root.putObject("group_fairness");
      node.put("early_tasks", backlog);
      node.put("workers", workers);
      node.put("concurrency", concurrency);
      node.put("late_tasks", seen.lateTasks());
      node.put("early_between", seen.earlyBetween());
      node.put("early_between_started_before", seen.earlyBetweenStartedBefore());
      node.put("early_after", seen.earlyAfter());
      node.put("late_p50_ms", seen.lateLatency().p50());
      node.put("late_max_ms", seen.lateLatency().max());
      node.put("late_missing", seen.lateMissing());
      node.put("duplicates", seen.duplicates());
      node.put("retried", retried);
    }
  }

  /** What the limit run measured. */
  record Limit(
      int limit,
      int workers,
      int tasks,
      double tasksPerSecond,
      GroupConcurrency seen,
      long retried) {
    void print(PrintStream out) {
      out.printf(
          "group limit: %d tasks of %d groups, every group limited to %d, %d worker(s), each"
              + " request held %d ms; most in progress at once per group %s (%s); %.0f tasks/s;"
              + " %d of %d delivered%s%n",
          tasks,
          GroupRuns.LIMITED_GROUPS.size(),
          limit,
          workers,
          GroupRuns.HOLD.toMillis(),
          seen.mostInProgress(),
          seen.most() <= limit ? "never exceeded" : "EXCEEDED",
          tasksPerSecond,
          seen.delivered(),
          tasks,
          problems(0, seen.duplicates(), retried));
    }

    void addTo(ObjectNode root) {
      ObjectNode node = root.putObject("group_limit");
      node.put("limit", limit);
      node.put("workers", workers);
      node.put("tasks", tasks);
      node.put("tasks_per_s", Math.round(tasksPerSecond));
      ObjectNode most = node.putObject("most_in_progress");
      seen.mostInProgress().forEach(most::put);
      node.put("limit_exceeded", seen.most() > limit);
      node.put("delivered", seen.delivered());
      node.put("duplicates", seen.duplicates());
      node.put("retried", retried);
    }
  }

  void addTo(ObjectNode root) {
    fairness.ifPresent(f -> f.addTo(root));
    limit.ifPresent(l -> l.addTo(root));
  }

  void print(PrintStream out) {
    fairness.ifPresent(f -> f.print(out));
    limit.ifPresent(l -> l.print(out));
  }

  private static String problems(int missing, int duplicates, long retried) {
    return (missing > 0 ? "; " + missing + " never delivered" : "")
        + "; "
        + duplicates
        + " delivered twice, "
        + retried
        + " retried";
  }
}
