package io.docfleet.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import io.docfleet.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The coordinator-api module keeps the architecture of {@link ArchitectureRules}. */
class ArchitectureTest {
  private final JavaClasses production = ArchitectureRules.productionClasses();

  /**
   * The cycles through the root package (ApiServer wires every feature package, and they use its
   * ApiContext) are frozen as they were found: any other cycle fails.
   */
  @Test
  void noPackageDependsOnItselfThroughOthersBeyondTheFrozenOnes() {
    FreezingArchRule.freeze(ArchitectureRules.noPackageCycles()).check(production);
  }

  @Test
  void productionCodeUsesNeitherToolsNorLocalServersNorTestSupport() {
    ArchitectureRules.noDependencyOnToolsOrTestSupport().check(production);
  }
}
