package io.docfleet.spend;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.FleetContext;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RBatch;
import org.redisson.client.codec.StringCodec;

/** The fleet's budgets set through the API, on the real Redis ({@code {spend}:budgets}). */
class FleetBudgetsTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("fleet-budgets");

  private final FleetContext fleet = redis.context(Clock.systemUTC());
  private final FleetBudgets budgets = new FleetBudgets(fleet);

  @Test
  void whatIsSetIsReadAloneOrInABatchAndEachPeriodOverridesTheEnvironmentsAlone() {
    assertThat(budgets.read()).isEqualTo(Budgets.NONE);
    budgets.write(new Budgets(Optional.of(new BigDecimal("12.50")), Optional.empty()));

    RBatch batch = fleet.redis().createBatch();
    var read = budgets.read(batch);
    batch.execute();

    assertThat(read.get().daily())
        .hasValueSatisfying(d -> assertThat(d).isEqualByComparingTo("12.5"));
    assertThat(read.get().monthly()).isEmpty();
    Budgets environment = new Budgets(Optional.of(BigDecimal.ONE), Optional.of(BigDecimal.TEN));
    Budgets inForce = budgets.read().orElse(environment);
    assertThat(inForce.daily()).hasValueSatisfying(d -> assertThat(d).isEqualByComparingTo("12.5"));
    assertThat(inForce.monthly()).hasValue(BigDecimal.TEN);

    budgets.write(Budgets.NONE);
    assertThat(fleet.redis().getKeys().countExists(fleet.keys().spend().budgets())).isZero();
  }

  @Test
  void aStoredValueThatIsNoBudgetCountsAsNotSet() {
    fleet
        .redis()
        .<String, String>getMap(fleet.keys().spend().budgets(), StringCodec.INSTANCE)
        .putAll(Map.of(Budgets.DAILY_FIELD, "lots", Budgets.MONTHLY_FIELD, "-3"));

    assertThat(budgets.read()).isEqualTo(Budgets.NONE);
  }
}
