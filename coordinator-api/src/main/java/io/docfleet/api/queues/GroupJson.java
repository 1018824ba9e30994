package io.docfleet.api.queues;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.queue.GroupDepth;
import java.util.List;
import java.util.OptionalInt;

/**
 * A group of a queue as the API shows it: {@code group}, {@code ready} per lane ({@code high},
 * {@code normal}, {@code low}, {@code total}), {@code running} and {@code limit} (its own, else
 * every group's; null when none).
 */
public final class GroupJson {
  private GroupJson() {}

  /** Adds each of {@code depths} to {@code array}. */
  public static ArrayNode addAll(ArrayNode array, List<GroupDepth> depths) {
    depths.forEach(depth -> put(array.addObject(), depth));
    return array;
  }

  /** Puts {@code depth}'s fields into {@code node}. */
  public static ObjectNode put(ObjectNode node, GroupDepth depth) {
    node.put("group", depth.group());
    ObjectNode ready = node.putObject("ready");
    ready.put("high", depth.ready().high());
    ready.put("normal", depth.ready().normal());
    ready.put("low", depth.ready().low());
    ready.put("total", depth.ready().total());
    node.put("running", depth.running());
    limit(node, "limit", depth.limit());
    return node;
  }

  /** {@code field}: the limit, or null. */
  public static void limit(ObjectNode node, String field, OptionalInt limit) {
    if (limit.isPresent()) {
      node.put(field, limit.getAsInt());
    } else {
      node.putNull(field);
    }
  }
}
