package io.docfleet.api.redismonitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.pools.PoolUse;
import java.util.ArrayList;
import java.util.List;

/**
 * The one shape of a dependency's section, in the health report, the Redis monitor and the
 * dashboard alike, whether it answered or not: {@code status} ({@code ok} or {@code unavailable}),
 * {@code error}, its values, where what could not be read is null (a map, such as {@code
 * keys.byPrefix}, is empty), and the pool of this process's client; so a client reads every answer
 * the same way.
 */
public final class SectionShape {
  public static final String OK = "ok";
  public static final String UNAVAILABLE = "unavailable";
  public static final String DISABLED = "disabled";

  private SectionShape() {}

  /**
   * {@code status}, {@code error}, then {@code values} (nulled when it did not answer), {@code
   * pool}.
   */
  public static ObjectNode section(
      ObjectMapper json, Outcome<?> outcome, ObjectNode values, Outcome<PoolUse> pool) {
    ObjectNode node = json.createObjectNode();
    node.put("status", outcome.answered() ? OK : UNAVAILABLE);
    node.put("error", outcome.errorOrNull());
    if (!outcome.answered()) {
      nullLeaves(values);
    }
    node.setAll(values);
    node.set("pool", pool(json, pool));
    return node;
  }

  /** A connection pool's statistics; null values when it could not be read. */
  public static ObjectNode pool(ObjectMapper json, Outcome<PoolUse> outcome) {
    PoolUse use =
        outcome.answered() ? outcome.valueOrNull() : new PoolUse("", "", "", 0, 0, 0, 0, 0);
    ObjectNode node = json.createObjectNode();
    node.put("name", use.name());
    node.put("open", use.open());
    node.put("active", use.active());
    node.put("idle", use.idle());
    node.put("pending", use.pending());
    node.put("max", use.max());
    node.put("usedRatio", use.usedRatio());
    if (!outcome.answered()) {
      nullLeaves(node);
    }
    return node;
  }

  /** Every value of {@code node} and of its objects turned null; maps (of no fixed shape) stay. */
  public static void nullLeaves(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (node.get(name) instanceof ObjectNode object) {
        nullLeaves(object);
      } else {
        node.putNull(name);
      }
    }
  }
}
