package io.docfleet.localservers;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Locale;

/**
 * Finds the embedded PostgreSQL binaries as zonky's own resolver does, but takes the first copy on
 * the class path. A jar whose manifest class path names its {@code lib/} folder (the worker jar, on
 * the coordinator's test class path) brings a second copy of the same binaries artifact beside
 * Maven's, which zonky's resolver refuses as "Duplicate embedded postgres binaries".
 */
final class FirstOnClassPathBinaries implements PgBinaryResolver {
  static final FirstOnClassPathBinaries INSTANCE =
      new FirstOnClassPathBinaries(FirstOnClassPathBinaries.class.getClassLoader());

  private final ClassLoader classLoader;

  FirstOnClassPathBinaries(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public InputStream getPgBinary(String system, String machineHardware) throws IOException {
    URL first = classLoader.getResource(name(system, machineHardware));
    if (first == null) {
      // Distribution-specific builds, and zonky's message naming the artifact that is missing.
      return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
    }
    return first.openStream();
  }

  /** The resource name zonky's binaries artifacts use, e.g. {@code postgres-linux-x86_64.txz}. */
  static String name(String system, String machineHardware) {
    String platform = system + "-" + ArchUtils.normalize(machineHardware);
    return "postgres-" + platform.replace(' ', '_').toLowerCase(Locale.ROOT) + ".txz";
  }
}
