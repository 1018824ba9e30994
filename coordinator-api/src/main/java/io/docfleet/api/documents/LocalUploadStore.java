package io.docfleet.api.documents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Uploads in a local folder ({@code COORDINATOR_UPLOAD_DIR}, under a file root): {@code
 * <dir>/<documentId>/<name>}, moved into place whole, so a worker never reads half a file.
 */
public final class LocalUploadStore implements UploadStore {
  private final Path dir;

  public LocalUploadStore(Path dir) {
    this.dir = dir;
  }

  @Override
  public String put(String documentId, String name, Path spooled) throws IOException {
    Path folder = dir.resolve(documentId);
    Files.createDirectories(folder);
    Path target = folder.resolve(name);
    Path partial = folder.resolve("." + name + ".partial");
    Files.copy(spooled, partial, StandardCopyOption.REPLACE_EXISTING);
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target.toUri().toString();
  }
}
