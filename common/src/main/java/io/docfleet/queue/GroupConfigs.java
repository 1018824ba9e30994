package io.docfleet.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.GroupNames;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.redisson.api.RMap;
import org.redisson.client.codec.StringCodec;

/**
 * The groups' fleet-wide settings ({@link GroupConfig}), kept in one hash ({@code groups:config}:
 * group to {@code {"concurrency":n,"callbackUrl":"..."}}) so they outlive the queues' own keys: the
 * limits in a queue's slot are set from here by the API on every known type, and again by each
 * worker on the types it serves when it starts. A value that is not readable counts as nothing set.
 */
public final class GroupConfigs {
  private final FleetContext fleet;

  public GroupConfigs(FleetContext fleet) {
    this.fleet = fleet;
  }

  /** {@code group}'s settings; {@link GroupConfig#NONE} when none are stored. */
  public GroupConfig read(String group) {
    String json = map().get(group);
    return json == null ? GroupConfig.NONE : decode(json);
  }

  /** Every group with settings, by name. */
  public Map<String, GroupConfig> readAll() {
    Map<String, GroupConfig> all = new TreeMap<>();
    map().readAllMap().forEach((group, json) -> all.put(group, decode(json)));
    return all;
  }

  /** Stores {@code config} as {@code group}'s settings, or removes them when it sets nothing. */
  public void write(String group, GroupConfig config) {
    if (!GroupNames.isValid(group)) {
      throw new IllegalArgumentException("group: " + GroupNames.ACCEPTS);
    }
    if (config.isEmpty()) {
      map().fastRemove(group);
    } else {
      map().fastPut(group, encode(config));
    }
  }

  private RMap<String, String> map() {
    return fleet.redis().getMap(fleet.keys().groups().configs(), StringCodec.INSTANCE);
  }

  private String encode(GroupConfig config) {
    ObjectNode node = mapper().createObjectNode();
    config.concurrency().ifPresent(n -> node.put("concurrency", n));
    config.callbackUrl().ifPresent(url -> node.put("callbackUrl", url));
    return node.toString();
  }

  private GroupConfig decode(String json) {
    try {
      JsonNode node = mapper().readTree(json);
      JsonNode concurrency = node.path("concurrency");
      JsonNode callback = node.path("callbackUrl");
      return new GroupConfig(
          concurrency.isInt() && concurrency.asInt() > 0
              ? OptionalInt.of(concurrency.asInt())
              : OptionalInt.empty(),
          callback.isTextual() ? Optional.of(callback.asText()) : Optional.empty());
    } catch (IOException e) {
      return GroupConfig.NONE;
    }
  }

  private ObjectMapper mapper() {
    return fleet.codec().mapper();
  }
}
