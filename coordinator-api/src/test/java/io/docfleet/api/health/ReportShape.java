package io.docfleet.api.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * The key paths of a health report ({@code redis.memory.usedBytes}...): what a client relies on,
 * which must be the same whether a dependency answered or not. Maps keyed by what was found ({@code
 * keys.byPrefix}, {@code connectionsByClient}) and the list of issues count as single values.
 */
public final class ReportShape {
  private static final Set<String> DATA_KEYED = Set.of("byPrefix", "connectionsByClient");

  private ReportShape() {}

  public static Set<String> of(JsonNode report) {
    Set<String> paths = new TreeSet<>();
    collect("", report, paths);
    return paths;
  }

  private static void collect(String at, JsonNode node, Set<String> paths) {
    node.fieldNames()
        .forEachRemaining(
            name -> {
              String path = at.isEmpty() ? name : at + "." + name;
              paths.add(path);
              JsonNode value = node.get(name);
              if (value.isObject() && !DATA_KEYED.contains(name)) {
                collect(path, value, paths);
              }
            });
  }
}
