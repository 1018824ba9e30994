package io.docfleet.api.health;

import io.docfleet.spend.BudgetUse;
import java.util.ArrayList;
import java.util.List;

/**
 * The health report's issues about provider budgets: {@code budget_high} (warning) once a budget's
 * period has spent {@value #HIGH_PERCENT}% of it, {@code budget_reached} (critical) at 100%, when
 * tasks that would call a paid provider wait.
 */
final class BudgetIssues {
  static final int HIGH_PERCENT = 80;

  private BudgetIssues() {}

  static List<Issue> of(List<BudgetUse> uses) {
    List<Issue> issues = new ArrayList<>();
    for (BudgetUse use : uses) {
      if (use.reached()) {
        issues.add(
            new Issue(
                Issue.Severity.CRITICAL,
                "budget_reached",
                use.describe("reached")
                    + "; tasks that would call a paid provider wait until the period rolls over"
                    + " or the budget is raised"));
      } else if (use.ratio() * 100 >= HIGH_PERCENT) {
        issues.add(
            new Issue(
                Issue.Severity.WARNING,
                "budget_high",
                use.describe(String.format("at %.0f%%", Math.floor(use.ratio() * 100)))));
      }
    }
    return issues;
  }
}
