package io.docfleet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables the main code of common/, worker/ and coordinator-api/ reads, found in
 * its sources as text:
 *
 * <ul>
 *   <li>a literal given to one of {@code Env}'s accessors ({@code env.string("X", ...)}, {@code
 *       env.duration("X", ...)}, {@code env.get("X")}...), or to a helper that takes the {@code
 *       Env} first ({@code positive(env, "X", ...)}, {@code fromEnv(env, "X")});
 *   <li>a {@code static final String} constant given to one of them in the same file;
 *   <li>{@code System.getenv("X")};
 *   <li>{@code ${X}} or {@code ${X:-default}} in a main resource (logback.xml);
 *   <li>families: a literal ending in {@code _} joined to a name ({@code "CACHE_TTL_" + type}),
 *       given to an accessor or built in a file that calls {@code env.startingWith}: every name
 *       with that prefix.
 * </ul>
 */
final class CodeEnvNames {
  static final List<String> MODULES = List.of("common", "worker", "coordinator-api");

  private static final String NAME = "([A-Z][A-Z0-9_]*[A-Z0-9])";
  private static final String PREFIX = "([A-Z][A-Z0-9_]*_)";
  private static final String ACCESSOR =
      "(?:\\benv\\.(?:get|string|positiveInt|count|bool|duration|list|choice|startingWith)\\(|"
          + "\\(\\s*env\\s*,)\\s*";
  private static final Pattern LITERAL = Pattern.compile(ACCESSOR + "\"" + NAME + "\"\\s*[,)]");
  private static final Pattern CONSTANT_USE =
      Pattern.compile(ACCESSOR + "([A-Z][A-Z0-9_]*)\\s*[,)]");
  private static final Pattern FAMILY = Pattern.compile(ACCESSOR + "\"" + PREFIX + "\"\\s*\\+");
  private static final Pattern JOINED = Pattern.compile("\"" + PREFIX + "\"\\s*\\+");
  private static final Pattern CONSTANT =
      Pattern.compile("static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"" + NAME + "\"\\s*;");
  private static final Pattern GETENV = Pattern.compile("getenv\\(\\s*\"" + NAME + "\"\\s*\\)");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{" + NAME + "(?::-[^}]*)?}");
  private static final Pattern ENV_ACCESSOR_DECLARATION =
      Pattern.compile("public\\s+(?!static)[\\w<>\\s,]+?\\s(\\w+)\\(\\s*String\\s+(?:name|prefix)");

  /** The accessors {@link #LITERAL} knows; a test compares them with Env.java's own. */
  static final Set<String> ACCESSORS =
      Set.of(
          "get",
          "string",
          "positiveInt",
          "count",
          "bool",
          "duration",
          "list",
          "choice",
          "startingWith");

  final Set<String> names = new TreeSet<>();
  final Set<String> prefixes = new TreeSet<>();

  private CodeEnvNames() {}

  static CodeEnvNames read() {
    CodeEnvNames found = new CodeEnvNames();
    for (String module : MODULES) {
      Path main = Repo.root().resolve(module).resolve("src/main");
      for (Path file : files(main)) {
        String text = Repo.read(file);
        if (file.toString().endsWith(".java")) {
          found.readJava(text);
        } else if (file.toString().endsWith(".xml")) {
          add(PLACEHOLDER, text, found.names);
        }
      }
    }
    return found;
  }

  /** True when the code reads {@code name}, itself or as one of a family. */
  boolean reads(String name) {
    return names.contains(name) || prefixes.stream().anyMatch(name::startsWith);
  }

  /** The instance accessors Env.java declares (those whose first parameter is a name). */
  static Set<String> accessorsDeclaredByEnv() {
    Path env = Repo.root().resolve("common/src/main/java/io/docfleet/config/Env.java");
    Set<String> declared = new TreeSet<>();
    Matcher m = ENV_ACCESSOR_DECLARATION.matcher(Repo.read(env));
    while (m.find()) {
      declared.add(m.group(1));
    }
    return declared;
  }

  private void readJava(String text) {
    add(LITERAL, text, names);
    add(GETENV, text, names);
    add(FAMILY, text, prefixes);
    if (text.contains("env.startingWith(")) {
      add(JOINED, text, prefixes);
    }
    Map<String, String> constants = new HashMap<>();
    Matcher c = CONSTANT.matcher(text);
    while (c.find()) {
      constants.put(c.group(1), c.group(2));
    }
    Matcher use = CONSTANT_USE.matcher(text);
    while (use.find()) {
      String value = constants.get(use.group(1));
      if (value != null) {
        names.add(value);
      }
    }
  }

  private static void add(Pattern pattern, String text, Set<String> into) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      into.add(m.group(1));
    }
  }

  private static List<Path> files(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
