package io.docfleet.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.file.Path;

/**
 * The architecture every production module keeps, checked by each module's {@code ArchitectureTest}
 * on its own classes: no package cycles, no dependency on the tools, the local server launchers or
 * the test support, and no public class in the worker's loop packages that nothing outside its
 * package uses.
 */
public final class ArchitectureRules {
  private ArchitectureRules() {}

  /** The module's production classes: {@code target/classes} of the module the test runs in. */
  public static JavaClasses productionClasses() {
    return new ClassFileImporter().importPath(Path.of("target", "classes"));
  }

  /** The module's main and test classes: who may use a public class. */
  public static JavaClasses mainAndTestClasses() {
    return new ClassFileImporter()
        .importPaths(Path.of("target", "classes"), Path.of("target", "test-classes"));
  }

  /** Each package of {@code io.docfleet} is a slice; no slice depends on itself through others. */
  public static ArchRule noPackageCycles() {
    return slices().matching("io.docfleet.(**)").should().beFreeOfCycles().allowEmptyShould(false);
  }

  /** Production code uses neither the tools, the server launchers nor the test support. */
  public static ArchRule noDependencyOnToolsOrTestSupport() {
    return noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.docfleet.tools..", "io.docfleet.localservers..", "io.docfleet.testing..")
        .as("production code depends on neither tools, local-servers nor test support");
  }

  /**
   * A public class in one of {@code packages} is used by some class outside its own package (a
   * class nothing outside uses is package-private).
   */
  public static ArchRule publicClassesAreUsedOutsideTheirPackage(String... packages) {
    return classes()
        .that()
        .resideInAnyPackage(packages)
        .and()
        .haveModifier(JavaModifier.PUBLIC)
        .and(DescribedPredicate.describe("are top-level", (JavaClass c) -> c.isTopLevelClass()))
        .should(beUsedOutsideTheirPackage())
        .allowEmptyShould(false);
  }

  private static ArchCondition<JavaClass> beUsedOutsideTheirPackage() {
    return new ArchCondition<>("be used by a class outside their package") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        boolean used =
            type.getDirectDependenciesToSelf().stream()
                .anyMatch(
                    dependency ->
                        !dependency
                            .getOriginClass()
                            .getPackageName()
                            .equals(type.getPackageName()));
        if (!used) {
          events.add(
              SimpleConditionEvent.violated(
                  type, type.getName() + " is public but nothing outside its package uses it"));
        }
      }
    };
  }
}
