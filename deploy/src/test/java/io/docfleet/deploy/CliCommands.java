package io.docfleet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The commands {@code scripts/docfleet} runs and their options, read from the sources as text: the
 * picocli commands {@code DocfleetCli} registers (a class's first {@code @Command} is a command,
 * the ones nested in it its subcommands; hidden options left out), picocli's {@code help}, and
 * {@code migrate-keys}, which the script hands to {@code MigrateKeysMain}.
 */
final class CliCommands {
  static final Path CLI = Path.of("coordinator-api/src/main/java/io/docfleet/api/cli");
  static final Path MIGRATE_KEYS =
      Path.of("coordinator-api/src/main/java/io/docfleet/api/migration/MigrateKeysMain.java");

  private static final Pattern ANNOTATION = Pattern.compile("@(Command|Option)\\(");
  private static final Pattern NAME = Pattern.compile("\\bname\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern NAMES = Pattern.compile("\\bnames\\s*=\\s*(\\{[^}]*}|\"[^\"]*\")");
  private static final Pattern LONG_OPTION = Pattern.compile("\"(--[a-z][a-z-]*)\"");
  private static final Pattern HIDDEN = Pattern.compile("\\bhidden\\s*=\\s*true");
  private static final Pattern CASE_OPTION = Pattern.compile("case\\s+\"(--[a-z][a-z-]*)\"");

  private CliCommands() {}

  /** Each command's full name ({@code submit}, {@code dead list}) and its long options. */
  static Map<String, List<String>> read(Path root) {
    Map<String, List<String>> commands = new LinkedHashMap<>();
    String registry = Repo.read(root.resolve(CLI).resolve("DocfleetCli.java"));
    for (Path file : javaFiles(root.resolve(CLI))) {
      String className = file.getFileName().toString().replace(".java", "");
      boolean registered =
          registry.contains("new " + className + "(")
              || registry.contains(className + ".commandLine(");
      if (registered && !className.equals("DocfleetCli")) {
        readCommands(Repo.read(file), commands);
      }
    }
    // a group such as dead runs only through its subcommands
    commands
        .keySet()
        .removeIf(
            group ->
                commands.get(group).isEmpty()
                    && commands.keySet().stream().anyMatch(c -> c.startsWith(group + " ")));
    if (registry.contains("CommandLine.HelpCommand()")) {
      commands.put("help", List.of());
    }
    if (Repo.read(root.resolve("scripts/docfleet")).contains("migrate-keys)")) {
      List<String> options = new ArrayList<>();
      Matcher option = CASE_OPTION.matcher(Repo.read(root.resolve(MIGRATE_KEYS)));
      while (option.find()) {
        if (!option.group(1).equals("--help")) {
          options.add(option.group(1));
        }
      }
      commands.put("migrate-keys", options);
    }
    return commands;
  }

  private static void readCommands(String source, Map<String, List<String>> commands) {
    String top = null;
    String current = null;
    Matcher annotation = ANNOTATION.matcher(source);
    while (annotation.find()) {
      String body = arguments(source, annotation.end());
      if (annotation.group(1).equals("Command")) {
        Matcher name = NAME.matcher(body);
        if (!name.find()) {
          continue;
        }
        current = top == null ? name.group(1) : top + " " + name.group(1);
        top = top == null ? name.group(1) : top;
        commands.put(current, new ArrayList<>());
      } else if (current != null && !HIDDEN.matcher(body).find()) {
        Matcher names = NAMES.matcher(body);
        if (names.find()) {
          Matcher option = LONG_OPTION.matcher(names.group(1));
          while (option.find()) {
            commands.get(current).add(option.group(1));
          }
        }
      }
    }
  }

  /**
   * The text between an annotation's opening parenthesis (just before from) and its closing one.
   */
  private static String arguments(String source, int from) {
    int depth = 1;
    boolean inString = false;
    for (int i = from; i < source.length(); i++) {
      char c = source.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return source.substring(from, i);
      }
    }
    throw new IllegalStateException("an annotation that does not close at " + from);
  }

  private static List<Path> javaFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
