package io.docfleet.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.task.Task;
import java.util.ArrayList;
import java.util.List;

/** Builders that make tests read like sentences: {@code aTask("t1").ofType("noop")}. */
public final class Tasks {
  private Tasks() {}

  /** A minimal {@code noop} task. */
  public static Task aTask(String id) {
    return Task.of(id, "noop", JsonNodeFactory.instance.objectNode());
  }

  /** A {@code sleep} task that waits {@code ms}. */
  public static Task aSleepTask(String id, long ms) {
    return Task.of(id, "sleep", payload("ms", ms));
  }

  /** {@code count} noop-style tasks of a type with ids {@code prefix-0 .. prefix-(count-1)}. */
  public static List<Task> tasks(String type, String prefix, int count) {
    List<Task> tasks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tasks.add(Task.of(prefix + "-" + i, type, JsonNodeFactory.instance.objectNode()));
    }
    return tasks;
  }

  public static ObjectNode payload(String field, long value) {
    return JsonNodeFactory.instance.objectNode().put(field, value);
  }
}
