package io.docfleet.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetsTest {
  @Test
  void theFleetsBudgetsAreDecimalsOfZeroOrMoreAndUnsetMeansNone() {
    Budgets budgets =
        Budgets.fromEnv(
            new Env(
                Map.of("PROVIDER_BUDGET_DAILY_USD", "12.50", "PROVIDER_BUDGET_MONTHLY_USD", "0")));
    assertThat(budgets.daily()).contains(new BigDecimal("12.5"));
    assertThat(budgets.monthly()).contains(BigDecimal.ZERO);
    assertThat(Budgets.fromEnv(new Env(Map.of()))).isEqualTo(Budgets.NONE);
  }

  @Test
  void aBadBudgetStopsStartUpNamingItsVariable() {
    for (String bad : new String[] {"-1", "ten", "5$", "NaN"}) {
      assertThatThrownBy(() -> Budgets.fromEnv(new Env(Map.of("PROVIDER_BUDGET_MONTHLY_USD", bad))))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("PROVIDER_BUDGET_MONTHLY_USD")
          .hasMessageContaining(bad);
    }
    assertThatThrownBy(
            () -> BudgetSettings.fromEnv(new Env(Map.of("PROVIDER_BUDGET_RECHECK", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PROVIDER_BUDGET_RECHECK");
  }

  @Test
  void periodsEndAtTheNextUtcMidnightAndTheNextMonthsFirst() {
    Instant now = Instant.parse("2026-02-28T13:00:00Z");
    assertThat(BudgetPeriod.DAILY.end(now)).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(BudgetPeriod.MONTHLY.end(now)).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(BudgetPeriod.MONTHLY.end(Instant.parse("2026-12-31T23:59:59Z")))
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(Duration.between(now, BudgetPeriod.DAILY.end(now))).isEqualTo(Duration.ofHours(11));
  }

  @Test
  void aUseSaysHowMuchOfWhichBudgetIsSpent() {
    BudgetUse use =
        BudgetUse.ofMicro(
            Optional.of("acme"), BudgetPeriod.MONTHLY, new BigDecimal("10"), 8_000_000);
    assertThat(use.scope()).isEqualTo("group:acme");
    assertThat(use.ratio()).isEqualTo(0.8);
    assertThat(use.reached()).isFalse();
    assertThat(use.describe("at 80%"))
        .isEqualTo("monthly budget of group acme at 80%: $8.00 of $10.00 spent");
  }
}
