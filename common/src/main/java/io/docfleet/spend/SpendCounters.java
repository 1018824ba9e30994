package io.docfleet.spend;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.SpendKeys;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RMap;
import org.redisson.client.codec.StringCodec;

/**
 * The live spend counters in Redis ({@link SpendKeys}), in micro-USD (each ledger row's cost
 * rounded half-even): per UTC day and month, {@code spent} and {@code saved}, by {@code
 * spent:<provider>:<operation>} and {@code group_spent:<group>} (and the same for {@code saved});
 * all time the same by provider and operation plus {@code units:<provider>:<operation>:<unit>} of
 * paid calls. PostgreSQL's {@code provider_calls} is the record; these are for live figures (and
 * budgets): "spent today" is one {@code HGET}.
 */
public final class SpendCounters {
  /** How long a day's and a month's counters are kept. */
  public static final Duration DAY_TTL = Duration.ofDays(40);

  public static final Duration MONTH_TTL = Duration.ofDays(400);

  public static final String SPENT = "spent";
  public static final String SAVED = "saved";

  private static final BigDecimal MICRO = BigDecimal.valueOf(1_000_000);

  private final FleetContext fleet;

  public SpendCounters(FleetContext fleet) {
    this.fleet = fleet;
  }

  /** Adds the rows to the counters of their day, month and all time, in {@code batch}. */
  public void add(RBatch batch, Collection<ProviderCall> rows) {
    if (rows.isEmpty()) {
      return;
    }
    SpendKeys keys = fleet.keys().spend();
    Map<String, Map<String, Long>> byKey = new LinkedHashMap<>();
    Map<String, Duration> ttls = new LinkedHashMap<>();
    for (ProviderCall row : rows) {
      LocalDate day = row.at().atZone(ZoneOffset.UTC).toLocalDate();
      long micro = micro(row.costUsd());
      String kind = row.cached() ? SAVED : SPENT;
      String operation = kind + ":" + row.provider() + ":" + row.operation();
      ttls.put(keys.day(day), DAY_TTL);
      ttls.put(keys.month(YearMonth.from(day)), MONTH_TTL);
      for (String key : new String[] {keys.day(day), keys.month(YearMonth.from(day))}) {
        Map<String, Long> fields = byKey.computeIfAbsent(key, k -> new LinkedHashMap<>());
        fields.merge(kind, micro, Long::sum);
        fields.merge(operation, micro, Long::sum);
        if (row.group() != null) {
          fields.merge("group_" + kind + ":" + row.group(), micro, Long::sum);
        }
      }
      Map<String, Long> total = byKey.computeIfAbsent(keys.total(), k -> new LinkedHashMap<>());
      total.merge(kind, micro, Long::sum);
      total.merge(operation, micro, Long::sum);
      if (!row.cached()) {
        row.units()
            .forEach(
                (unit, count) ->
                    total.merge(
                        "units:" + row.provider() + ":" + row.operation() + ":" + unit,
                        count,
                        Long::sum));
      }
    }
    byKey.forEach(
        (key, fields) -> {
          var map = batch.<String, String>getMap(key, StringCodec.INSTANCE);
          fields.forEach((field, value) -> map.addAndGetAsync(field, value));
          if (ttls.containsKey(key)) {
            map.expireAsync(ttls.get(key));
          }
        });
  }

  /** Micro-USD spent on {@code day} by the fleet: one {@code HGET}. */
  public long spentOn(LocalDate day) {
    return field(fleet.keys().spend().day(day), SPENT);
  }

  /** Micro-USD spent on {@code day} by {@code group}: one {@code HGET}. */
  public long spentOn(LocalDate day, String group) {
    return field(fleet.keys().spend().day(day), groupSpent(group));
  }

  /**
   * What the fleet and each of {@code groups} spent on {@code day} and in its month, in micro-USD:
   * two {@code HMGET}s queued in {@code batch}, read once it has run.
   */
  public Supplier<PeriodSpend> spentIn(RBatch batch, LocalDate day, Collection<String> groups) {
    SpendKeys keys = fleet.keys().spend();
    Set<String> fields = new LinkedHashSet<>();
    fields.add(SPENT);
    groups.forEach(group -> fields.add(groupSpent(group)));
    RFuture<Map<String, String>> daily =
        batch.<String, String>getMap(keys.day(day), StringCodec.INSTANCE).getAllAsync(fields);
    RFuture<Map<String, String>> monthly =
        batch
            .<String, String>getMap(keys.month(YearMonth.from(day)), StringCodec.INSTANCE)
            .getAllAsync(fields);
    return () ->
        new PeriodSpend(
            wholes(daily.toCompletableFuture().join()),
            wholes(monthly.toCompletableFuture().join()));
  }

  /** {@link #spentIn(RBatch, LocalDate, Collection)} in a batch of its own: one round trip. */
  public PeriodSpend spentIn(LocalDate day, Collection<String> groups) {
    RBatch batch = fleet.redis().createBatch();
    Supplier<PeriodSpend> spent = spentIn(batch, day, groups);
    batch.execute();
    return spent.get();
  }

  /** A period's spend as read: counter field to micro-USD, for the day and for the month. */
  public record PeriodSpend(Map<String, Long> day, Map<String, Long> month) {
    /** Micro-USD spent in {@code period} by the fleet ({@code group} empty) or by one group. */
    public long of(BudgetPeriod period, Optional<String> group) {
      Map<String, Long> fields = period == BudgetPeriod.DAILY ? day : month;
      return fields.getOrDefault(group.map(SpendCounters::groupSpent).orElse(SPENT), 0L);
    }
  }

  private static String groupSpent(String group) {
    return "group_" + SPENT + ":" + group;
  }

  private static Map<String, Long> wholes(Map<String, String> values) {
    Map<String, Long> wholes = new LinkedHashMap<>();
    values.forEach(
        (field, value) -> {
          if (value != null) {
            wholes.put(field, whole(value));
          }
        });
    return wholes;
  }

  /** The all-time counters (field to value), for Prometheus. */
  public Map<String, Long> total() {
    RMap<String, String> map =
        fleet.redis().getMap(fleet.keys().spend().total(), StringCodec.INSTANCE);
    Map<String, Long> total = new LinkedHashMap<>();
    map.readAllMap().forEach((field, value) -> total.put(field, whole(value)));
    return total;
  }

  /** USD as whole micro-USD, half-even. */
  public static long micro(BigDecimal usd) {
    return usd.multiply(MICRO).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
  }

  private long field(String key, String field) {
    RMap<String, String> map = fleet.redis().getMap(key, StringCodec.INSTANCE);
    String value = map.get(field);
    return value == null ? 0 : whole(value);
  }

  /** A counter as Redis keeps it (an integer, or a float's text from HINCRBYFLOAT). */
  private static long whole(String value) {
    return new BigDecimal(value).longValue();
  }
}
