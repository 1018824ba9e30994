package io.docfleet.localservers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code redis-server} installed on this machine, and how it is started here. */
final class SystemRedisServer {
  private SystemRedisServer() {}

  /** The first executable {@code redis-server} on the PATH. */
  static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** A loopback-only server on {@code port} that keeps nothing on disk, in the foreground. */
  static List<String> command(int port) {
    List<String> command = new ArrayList<>();
    command.add(find().orElseThrow().toString());
    command.addAll(
        List.of(
            "--port", Integer.toString(port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "no",
            "--protected-mode", "yes"));
    return command;
  }
}
