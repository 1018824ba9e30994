package io.docfleet.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code file://} documents, only under the roots listed in {@code DOCFLEET_FILE_ROOTS}. The path
 * is resolved with its links before the check, so neither {@code ..} nor a symbolic link leads out
 * of a root.
 */
public final class FileSource implements DocumentSource {
  private final List<Path> roots;
  private final List<Path> realRoots;

  public FileSource(List<Path> roots) {
    List<Path> given = new ArrayList<>();
    List<Path> real = new ArrayList<>();
    for (Path root : roots) {
      try {
        real.add(root.toRealPath());
        given.add(root.toAbsolutePath().normalize());
      } catch (IOException e) {
        // a root that does not exist allows nothing
      }
    }
    this.roots = List.copyOf(given);
    this.realRoots = List.copyOf(real);
  }

  @Override
  public boolean handles(URI uri) {
    return "file".equals(uri.getScheme());
  }

  @Override
  public SourceDocument read(URI uri, long maxBytes) throws SourceException {
    Path path = resolveAllowed(uri);
    try {
      if (!Files.isRegularFile(path)) {
        throw SourceException.permanent(uri + " is not a regular file");
      }
      if (Files.size(path) > maxBytes) {
        throw BoundedReader.tooLarge(uri.toString(), maxBytes);
      }
      try (InputStream in = Files.newInputStream(path)) {
        byte[] bytes = BoundedReader.readAll(in, maxBytes, uri.toString());
        return SourceDocument.of(uri, path.getFileName().toString(), bytes);
      }
    } catch (IOException e) {
      throw new SourceException("cannot read " + uri + ": " + e.getMessage(), true, e);
    }
  }

  /** The real path of an allowed file URI; a clear refusal for anything else. */
  public Path resolveAllowed(URI uri) throws SourceException {
    if (roots.isEmpty()) {
      throw SourceException.permanent(
          "file:// sources are disabled: DOCFLEET_FILE_ROOTS lists no existing folder");
    }
    Path requested;
    try {
      requested = Path.of(uri).normalize();
    } catch (IllegalArgumentException e) {
      throw SourceException.permanent("not a usable file URI: " + uri);
    }
    if (!under(requested, roots) && !under(requested, realRoots)) {
      throw outside(uri);
    }
    Path real;
    try {
      real = requested.toRealPath();
    } catch (NoSuchFileException e) {
      throw SourceException.permanent("no such file: " + uri);
    } catch (IOException e) {
      throw new SourceException("cannot resolve " + uri + ": " + e.getMessage(), true, e);
    }
    if (!under(real, realRoots)) {
      throw outside(uri);
    }
    return real;
  }

  private static boolean under(Path path, List<Path> candidates) {
    return candidates.stream().anyMatch(path::startsWith);
  }

  private static SourceException outside(URI uri) {
    return SourceException.permanent(uri + " is outside the allowed roots (DOCFLEET_FILE_ROOTS)");
  }
}
