package io.docfleet.tools.demo;

import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.QueueStats;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.redis.FleetContext;
import io.docfleet.tools.demo.DemoOutcome.WorkerTally;
import io.docfleet.tools.demo.LocalFleet.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads how a run ended (the record of every task, a thousand per round trip, the queue's counters,
 * the dead-letter list) and prints it: a table per worker, the counters, the dead letters.
 */
final class DemoReport {
  private static final List<QueueCounter> FIRST_COUNTERS =
      List.of(
          QueueCounter.SUBMITTED,
          QueueCounter.COMPLETED,
          QueueCounter.FAILED,
          QueueCounter.RETRIED,
          QueueCounter.DEAD_LETTERED);
  private static final int DEAD_LETTERS_SHOWN = 6;

  private DemoReport() {}

  static DemoOutcome read(
      FleetContext fleet, DemoTasks tasks, List<Member> members, boolean finished) {
    QueueStats queue = new QueueInspector(fleet).stats(DemoTasks.TYPE);
    List<DeadLetter> deadLetters = new ArrayList<>();
    for (String json : fleet.redis().<String>getList(fleet.keys().dead(DemoTasks.TYPE)).readAll()) {
      deadLetters.add(DeadLetter.fromJson(fleet.codec(), json));
    }
    return new DemoOutcome(finished, tasks, queue, tally(fleet, tasks, members), deadLetters);
  }

  private static List<WorkerTally> tally(
      FleetContext fleet, DemoTasks tasks, List<Member> members) {
    Map<String, WorkerTally> byWorker = new TreeMap<>();
    members.forEach(m -> byWorker.put(m.id(), new WorkerTally(m.id(), m.process().pid(), 0, 0)));
    for (Map<String, String> record :
        new TaskAssignments(fleet).readAll(DemoTasks.TYPE, tasks.ids())) {
      String worker = record.get("worker");
      if (worker != null) {
        byWorker.merge(worker, WorkerTally.of(worker, record.get("status")), WorkerTally::plus);
      }
    }
    return List.copyOf(byWorker.values());
  }

  static void print(DemoOutcome outcome, DemoConsole console) {
    console.line("");
    console.line("what each worker did (a task counts for the worker that ran its last attempt):");
    console.line(
        String.format("  %-12s %8s %10s %14s", "worker", "pid", "completed", "dead-lettered"));
    long completed = 0;
    long dead = 0;
    for (WorkerTally worker : outcome.workers()) {
      console.line(
          String.format(
              "  %-12s %8d %,10d %,14d",
              worker.id(), worker.pid(), worker.completed(), worker.dead()));
      completed += worker.completed();
      dead += worker.dead();
    }
    console.line(String.format("  %-12s %8s %,10d %,14d", "total", "", completed, dead));
    console.line("");
    printQueue(outcome.queue(), console);
    console.line("");
    printDeadLetters(outcome.deadLetters(), console);
  }

  private static void printQueue(QueueStats queue, DemoConsole console) {
    StringBuilder counters = new StringBuilder();
    FIRST_COUNTERS.forEach(
        counter -> appendCounter(counters, counter.wireName(), queue.counter(counter)));
    for (QueueCounter counter : QueueCounter.values()) {
      if (!FIRST_COUNTERS.contains(counter) && queue.counter(counter) != 0) {
        appendCounter(counters, counter.wireName(), queue.counter(counter));
      }
    }
    console.line("queue counters of '" + queue.type() + "':" + counters);
    console.line(
        String.format(
            "queue lists now: ready %d, in flight %d, delayed %d, dead-letter list %d",
            queue.ready(), queue.inFlight(), queue.delayed(), queue.dead()));
  }

  private static void appendCounter(StringBuilder text, String name, long value) {
    text.append(String.format("  %s %,d", name, value));
  }

  private static void printDeadLetters(List<DeadLetter> deadLetters, DemoConsole console) {
    console.line("dead-letter list (" + deadLetters.size() + " entries, newest first):");
    for (DeadLetter entry :
        deadLetters.subList(0, Math.min(DEAD_LETTERS_SHOWN, deadLetters.size()))) {
      console.line(
          String.format(
              "  %s  on %s after %d attempt%s: %s",
              entry.taskId(),
              entry.worker(),
              entry.attempts(),
              entry.attempts() == 1 ? "" : "s",
              entry.error()));
    }
    if (deadLetters.size() > DEAD_LETTERS_SHOWN) {
      console.line("  ... and " + (deadLetters.size() - DEAD_LETTERS_SHOWN) + " more");
    }
  }
}
