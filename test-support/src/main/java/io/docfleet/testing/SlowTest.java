package io.docfleet.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that takes more than a few seconds or starts, kills or restarts processes (workers,
 * Redis, Sentinel and Cluster rigs, Chromium, the scripts). {@code scripts/test --fast} leaves
 * these out ({@code -Ddocfleet.excludedGroups=slow}); {@code scripts/test} runs them. Modules
 * without test-support (deploy, local-servers) write {@code @Tag("slow")}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(SlowTest.TAG)
public @interface SlowTest {
  /** The JUnit tag; scripts/lib/TestReport.java looks for it in the test sources too. */
  String TAG = "slow";
}
