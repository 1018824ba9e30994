package io.docfleet.worker;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.docfleet.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The worker module keeps the architecture of {@link ArchitectureRules}. */
class ArchitectureTest {
  /** Where the worker's loop lives: claiming, locking, running, completing, returning. */
  static final String[] LOOP_PACKAGES = {
    "io.docfleet.worker.runtime", "io.docfleet.worker.queue", "io.docfleet.worker.lock"
  };

  private final JavaClasses production = ArchitectureRules.productionClasses();

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    ArchitectureRules.noPackageCycles().check(production);
  }

  @Test
  void productionCodeUsesNeitherToolsNorLocalServersNorTestSupport() {
    ArchitectureRules.noDependencyOnToolsOrTestSupport().check(production);
  }

  @Test
  void everyPublicClassOfTheLoopPackagesIsUsedOutsideItsPackage() {
    ArchitectureRules.publicClassesAreUsedOutsideTheirPackage(LOOP_PACKAGES)
        .check(ArchitectureRules.mainAndTestClasses());
  }
}
