package io.docfleet;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.docfleet.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The common module keeps the architecture of {@link ArchitectureRules}. */
class ArchitectureTest {
  private final JavaClasses production = ArchitectureRules.productionClasses();

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    ArchitectureRules.noPackageCycles().check(production);
  }

  @Test
  void productionCodeUsesNeitherToolsNorLocalServersNorTestSupport() {
    ArchitectureRules.noDependencyOnToolsOrTestSupport().check(production);
  }
}
