package io.docfleet.localservers;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstOnClassPathBinariesTest {
  private static final String LINUX_X86_64 = "postgres-linux-x86_64.txz";

  @Test
  void namesTheResourceAsZonkysArtifactsDo() {
    assertThat(FirstOnClassPathBinaries.name("Linux", "amd64")).isEqualTo(LINUX_X86_64);
    assertThat(FirstOnClassPathBinaries.name("Linux", "x86_64")).isEqualTo(LINUX_X86_64);
  }

  @Test
  void twoCopiesOfTheBinariesOnOneClassPathAreOneNotAnError(@TempDir Path dir) throws Exception {
    Path binaries = binariesJar();
    Path copy = Files.copy(binaries, dir.resolve("lib-copy.jar"));
    try (URLClassLoader twoCopies =
        new URLClassLoader(new URL[] {binaries.toUri().toURL(), copy.toUri().toURL()}, null)) {
      assertThat(Collections.list(twoCopies.getResources(LINUX_X86_64))).hasSize(2);

      try (InputStream archive =
          new FirstOnClassPathBinaries(twoCopies).getPgBinary("Linux", "amd64")) {
        byte[] head = archive.readNBytes(6);
        assertThat(head).startsWith(0xFD, '7', 'z', 'X', 'Z', 0x00); // an xz archive
      }
    }
  }

  private static Path binariesJar() throws IOException {
    URL resource = EmbeddedPostgres.class.getClassLoader().getResource(LINUX_X86_64);
    assertThat(resource).as("the linux-amd64 binaries artifact on the test class path").isNotNull();
    String jar = resource.getPath().substring("file:".length(), resource.getPath().indexOf('!'));
    return Paths.get(jar);
  }
}
