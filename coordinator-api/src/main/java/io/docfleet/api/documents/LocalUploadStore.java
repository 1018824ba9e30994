package io.docfleet.api.documents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Uploads in a local folder ({@code COORDINATOR_UPLOAD_DIR}, under a file root): {@code
 * <dir>/<documentId>/<name>}, moved into place whole, so a worker never reads half a file.
 *
 * <p>Whatever id and name reach it, it writes only beneath its folder: the id must name one folder
 * directly in it and the name one file in that (checked on the normalized path), and the document's
 * folder, once it exists, must really be there (checked on the real path, so a link planted in the
 * folder leads nowhere else). The API's id rule already keeps such ids out; this is the second
 * guard.
 */
public final class LocalUploadStore implements UploadStore {
  private final Path dir;

  public LocalUploadStore(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  @Override
  public String sourceOf(String documentId, String name) throws IOException {
    return target(documentId, name).toUri().toString();
  }

  @Override
  public String put(String documentId, String name, Path spooled) throws IOException {
    Path target = target(documentId, name);
    Path folder = target.getParent();
    Files.createDirectories(folder);
    if (!dir.toRealPath().equals(folder.toRealPath().getParent())) {
      throw outside();
    }
    Path partial = folder.resolve("." + name + ".partial");
    Files.copy(spooled, partial, StandardCopyOption.REPLACE_EXISTING);
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target.toUri().toString();
  }

  /** {@code <dir>/<documentId>/<name>}, refused unless it is exactly that, normalized. */
  private Path target(String documentId, String name) throws IOException {
    if (documentId.isEmpty() || name.isEmpty()) {
      throw outside();
    }
    Path folder = dir.resolve(documentId).normalize();
    Path target = folder.resolve(name).normalize();
    if (!dir.equals(folder.getParent()) || !folder.equals(target.getParent())) {
      throw outside();
    }
    return target;
  }

  private static IOException outside() {
    return new IOException(
        "refused an upload path outside the upload folder (COORDINATOR_UPLOAD_DIR): the document"
            + " id and file name must each be one path segment");
  }
}
