package io.docfleet.tools.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo's work: {@code sleep} tasks of 1 to 5 ms, among them {@code failingEach} that fail with
 * {@code payload.fail = "retry"} (retried until their attempts run out) and as many with {@code
 * "permanent"} (dead-lettered at once), spread evenly through the queue.
 */
record DemoTasks(List<Task> tasks, Set<String> retrying, Set<String> permanent) {
  static final String TYPE = "sleep";

  DemoTasks {
    tasks = List.copyOf(tasks);
    retrying = Set.copyOf(retrying);
    permanent = Set.copyOf(permanent);
  }

  static DemoTasks of(int total, int failingEach) {
    String idFormat = "task-%0" + Integer.toString(total).length() + "d";
    Set<Integer> failingAt = new LinkedHashSet<>();
    for (int k = 1; k <= 2 * failingEach; k++) {
      failingAt.add((int) ((long) k * total / (2 * failingEach + 1)));
    }
    List<Task> tasks = new ArrayList<>(total);
    Set<String> retrying = new LinkedHashSet<>();
    Set<String> permanent = new LinkedHashSet<>();
    int failing = 0;
    for (int i = 0; i < total; i++) {
      String id = String.format(idFormat, i + 1);
      ObjectNode payload = JsonNodeFactory.instance.objectNode().put("ms", 1 + i % 5);
      if (failingAt.contains(i)) {
        boolean retry = failing++ % 2 == 0;
        payload.put("fail", retry ? "retry" : "permanent");
        (retry ? retrying : permanent).add(id);
      }
      tasks.add(Task.of(id, TYPE, payload));
    }
    return new DemoTasks(tasks, retrying, permanent);
  }

  int total() {
    return tasks.size();
  }

  /** The tasks that end dead-lettered: every failing one. */
  int expectedDead() {
    return retrying.size() + permanent.size();
  }

  int expectedCompleted() {
    return total() - expectedDead();
  }

  List<String> ids() {
    return tasks.stream().map(Task::id).toList();
  }
}
