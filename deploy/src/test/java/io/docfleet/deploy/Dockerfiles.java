package io.docfleet.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Dockerfiles under deploy/docker, read as instructions (continuation lines joined). */
final class Dockerfiles {
  static final Path WORKER = Repo.deploy().resolve("docker/worker.Dockerfile");
  static final Path COORDINATOR = Repo.deploy().resolve("docker/coordinator.Dockerfile");

  private Dockerfiles() {}

  static List<Path> all() {
    return List.of(WORKER, COORDINATOR);
  }

  /** Every instruction, comments dropped, lines ending in a backslash joined to the next. */
  static List<String> instructions(Path file) {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Repo.read(file).split("\n")) {
      String trimmed = line.strip();
      if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (!current.isEmpty() && trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      instructions.add(current.toString().replaceAll("\\s+", " ").strip());
      current.setLength(0);
    }
    return instructions;
  }

  /** The instructions from the last FROM on. */
  static List<String> finalStage(Path file) {
    List<String> all = instructions(file);
    int last = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).startsWith("FROM ")) {
        last = i;
      }
    }
    return all.subList(last, all.size());
  }
}
