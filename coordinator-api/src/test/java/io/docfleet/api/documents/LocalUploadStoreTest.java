package io.docfleet.api.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload folder keeps every upload beneath it, whatever id or name reaches it. */
class LocalUploadStoreTest {
  @TempDir Path temp;
  private Path uploads;
  private Path spooled;
  private LocalUploadStore store;

  @BeforeEach
  void setUp() throws IOException {
    uploads = Files.createDirectories(temp.resolve("uploads")).toRealPath();
    spooled = Files.writeString(temp.resolve("spooled.part"), "uploaded bytes");
    store = new LocalUploadStore(uploads);
  }

  @Test
  void anUploadGoesToItsDocumentsFolder() throws IOException {
    String source = store.put("case-1", "letter.txt", spooled);

    Path stored = Path.of(URI.create(source));
    assertThat(stored).isEqualTo(uploads.resolve("case-1/letter.txt"));
    assertThat(Files.readString(stored)).isEqualTo("uploaded bytes");
    assertThat(store.sourceOf("case-1", "letter.txt")).isEqualTo(source);
  }

  @Test
  void anIdOrNameThatLeadsOutOfTheFolderIsRefusedAndWritesNothing() throws IOException {
    Path beside = Files.writeString(temp.resolve("letter.txt"), "kept");

    for (String id : new String[] {"..", ".", "a/../..", "/tmp", ""}) {
      assertThatThrownBy(() -> store.put(id, "letter.txt", spooled))
          .as(id)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("outside the upload folder");
    }
    assertThatThrownBy(() -> store.put("case-1", "../../letter.txt", spooled))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("outside the upload folder");
    assertThat(Files.readString(beside)).isEqualTo("kept");
  }

  @Test
  void aLinkInTheFolderDoesNotLeadAnUploadOut() throws IOException {
    Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
    Files.createSymbolicLink(uploads.resolve("case-9"), elsewhere);

    assertThatThrownBy(() -> store.put("case-9", "letter.txt", spooled))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("outside the upload folder");
    assertThat(elsewhere.resolve("letter.txt")).doesNotExist();
    assertThat(elsewhere.resolve(".letter.txt.partial")).doesNotExist();
  }
}
