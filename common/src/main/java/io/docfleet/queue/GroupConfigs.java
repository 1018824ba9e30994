package io.docfleet.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.redis.FleetContext;
import io.docfleet.spend.Budgets;
import io.docfleet.task.GroupNames;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RMap;
import org.redisson.client.codec.StringCodec;

/**
 * The groups' fleet-wide settings ({@link GroupConfig}), kept in one hash ({@code groups:config}:
 * group to {@code
 * {"concurrency":n,"callbackUrl":"...","budgetDailyUsd":"5.00","budgetMonthlyUsd":"100"}}) so they
 * outlive the queues' own keys: the limits in a queue's slot are set from here by the API on every
 * known type, and again by each worker on the types it serves when it starts. A value that is not
 * readable counts as nothing set.
 */
public final class GroupConfigs {
  /** The stored fields of a group's budgets: USD as a decimal's text. */
  public static final String BUDGET_DAILY = Budgets.DAILY_FIELD;

  public static final String BUDGET_MONTHLY = Budgets.MONTHLY_FIELD;

  private final FleetContext fleet;

  public GroupConfigs(FleetContext fleet) {
    this.fleet = fleet;
  }

  /** {@code group}'s settings; {@link GroupConfig#NONE} when none are stored. */
  public GroupConfig read(String group) {
    String json = map().get(group);
    return json == null ? GroupConfig.NONE : decode(json);
  }

  /**
   * {@code group}'s settings, read with the other commands of {@code batch}: one {@code HGET}
   * queued, decoded once the batch has run.
   */
  public Supplier<GroupConfig> read(RBatch batch, String group) {
    RFuture<String> json =
        batch
            .<String, String>getMap(fleet.keys().groups().configs(), StringCodec.INSTANCE)
            .getAsync(group);
    return () -> {
      String value = json.toCompletableFuture().join();
      return value == null ? GroupConfig.NONE : decode(value);
    };
  }

  /** Every group with settings, by name. */
  public Map<String, GroupConfig> readAll() {
    Map<String, GroupConfig> all = new TreeMap<>();
    map().readAllMap().forEach((group, json) -> all.put(group, decode(json)));
    return all;
  }

  /** Stores {@code config} as {@code group}'s settings, or removes them when it sets nothing. */
  public void write(String group, GroupConfig config) {
    checkName(group);
    if (config.isEmpty()) {
      map().fastRemove(group);
    } else {
      map().fastPut(group, encode(config));
    }
  }

  /**
   * Changes {@code group}'s settings with {@code change} and returns them: read, changed and
   * written only if nobody wrote them meanwhile (compare-and-set on the stored JSON), else again,
   * so two changes of different settings made at once both hold.
   */
  public GroupConfig update(String group, UnaryOperator<GroupConfig> change) {
    checkName(group);
    while (true) {
      String before = map().get(group);
      GroupConfig changed = change.apply(before == null ? GroupConfig.NONE : decode(before));
      String after = changed.isEmpty() ? null : encode(changed);
      boolean written;
      if (before == null) {
        written = after == null || map().fastPutIfAbsent(group, after);
      } else if (after == null) {
        written = map().remove(group, before);
      } else {
        written = map().replace(group, before, after);
      }
      if (written) {
        return changed;
      }
    }
  }

  private static void checkName(String group) {
    if (!GroupNames.isValid(group)) {
      throw new IllegalArgumentException("group: " + GroupNames.ACCEPTS);
    }
  }

  private RMap<String, String> map() {
    return fleet.redis().getMap(fleet.keys().groups().configs(), StringCodec.INSTANCE);
  }

  private String encode(GroupConfig config) {
    ObjectNode node = mapper().createObjectNode();
    config.concurrency().ifPresent(n -> node.put("concurrency", n));
    config.callbackUrl().ifPresent(url -> node.put("callbackUrl", url));
    config.budgets().daily().ifPresent(usd -> node.put(BUDGET_DAILY, usd.toPlainString()));
    config.budgets().monthly().ifPresent(usd -> node.put(BUDGET_MONTHLY, usd.toPlainString()));
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
          callback.isTextual() ? Optional.of(callback.asText()) : Optional.empty(),
          new Budgets(budget(node.path(BUDGET_DAILY)), budget(node.path(BUDGET_MONTHLY))));
    } catch (IOException e) {
      return GroupConfig.NONE;
    }
  }

  /** A stored budget (a decimal's text); one that is not readable counts as none set. */
  private static Optional<BigDecimal> budget(JsonNode value) {
    return value.isTextual() || value.isNumber() ? Budgets.parse(value.asText()) : Optional.empty();
  }

  private ObjectMapper mapper() {
    return fleet.codec().mapper();
  }
}
