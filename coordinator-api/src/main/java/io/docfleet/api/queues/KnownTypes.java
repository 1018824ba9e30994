package io.docfleet.api.queues;

import io.docfleet.api.http.ApiException;
import io.docfleet.document.Stage;
import io.docfleet.queue.QueueInspector;
import io.docfleet.redis.FleetContext;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The task types the fleet knows: a pipeline stage, or a type in {@code queues:index} (a task was
 * submitted to it, or a worker serving it sent a heartbeat). A route that names another answers 404
 * naming the known types, so a typo never creates a queue that is listed forever.
 */
public final class KnownTypes {
  private static final int MAX_NAMED_TYPES = 50;

  private final FleetContext fleet;
  private final QueueInspector inspector;

  public KnownTypes(FleetContext fleet) {
    this.fleet = fleet;
    this.inspector = new QueueInspector(fleet);
  }

  /** Every type the fleet knows, by name: the pipeline's stages and {@code queues:index}. */
  public TreeSet<String> all() {
    TreeSet<String> known = new TreeSet<>(inspector.types());
    for (Stage stage : Stage.values()) {
      known.add(stage.taskType());
    }
    return known;
  }

  /** {@code type} when the fleet knows it; else 404 naming the known types. */
  public String check(String type) {
    if (Stage.ofTaskType(type).isPresent()
        || fleet.redis().getSet(fleet.keys().queuesIndex()).contains(type)) {
      return type;
    }
    TreeSet<String> known = all();
    String shown =
        known.stream().limit(MAX_NAMED_TYPES).collect(Collectors.joining(", "))
            + (known.size() > MAX_NAMED_TYPES
                ? " and " + (known.size() - MAX_NAMED_TYPES) + " more"
                : "");
    throw ApiException.notFound(
        "type",
        "no task type '"
            + type
            + "' is known: a type becomes known when a task is submitted to it or a worker"
            + " serving it starts; known types: "
            + shown);
  }
}
