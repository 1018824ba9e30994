package io.docfleet.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.docfleet.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The coordinator-api module keeps the architecture of {@link ArchitectureRules}, with no package
 * cycle at all; and its root package, which wires the features, is used by none of them.
 */
class ArchitectureTest {
  private static final String ROOT = "io.docfleet.api";

  private final JavaClasses production = ArchitectureRules.productionClasses();

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    ArchitectureRules.noPackageCycles().check(production);
  }

  @Test
  void noFeatureUsesTheRootPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT)
        .as("no package of coordinator-api uses its root package " + ROOT + " (the wiring)")
        .check(production);
  }

  @Test
  void productionCodeUsesNeitherToolsNorLocalServersNorTestSupport() {
    ArchitectureRules.noDependencyOnToolsOrTestSupport().check(production);
  }
}
