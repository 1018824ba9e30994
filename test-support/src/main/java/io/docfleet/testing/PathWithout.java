package io.docfleet.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A PATH of one folder holding a link to every program of this process's PATH but some: a machine
 * where those are not installed, though they sit in {@code /usr/bin} with everything else here.
 */
public final class PathWithout {
  private PathWithout() {}

  /** Fills {@code folder} with links and returns it as a PATH; the first of a name wins. */
  public static String programs(Path folder, Set<String> missing) throws IOException {
    for (String dir :
        System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      Path source = Path.of(dir.isEmpty() ? "." : dir);
      if (!Files.isDirectory(source)) {
        continue;
      }
      try (Stream<Path> programs = Files.list(source)) {
        for (Path program : (Iterable<Path>) programs::iterator) {
          String name = program.getFileName().toString();
          Path link = folder.resolve(name);
          if (!missing.contains(name)
              && Files.isExecutable(program)
              && !Files.isDirectory(program)
              && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, program.toAbsolutePath());
          }
        }
      }
    }
    return folder.toString();
  }
}
