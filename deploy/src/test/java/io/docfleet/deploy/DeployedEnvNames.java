package io.docfleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variable names the deployment files give docfleet's processes, each with where it
 * was found: the keys of docfleet-config and every docfleet container's env in any YAML file under
 * deploy/k8s (base, overlays and their patches), the environment of compose services that run a
 * docfleet image, and the ENV lines of the Dockerfiles' final stages. Third-party images (Redis,
 * PostgreSQL) are not docfleet's and keep their own variables.
 */
final class DeployedEnvNames {
  private static final Pattern ENV_ASSIGNMENT =
      Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)=");

  private DeployedEnvNames() {}

  static Map<String, String> kubernetes() {
    Map<String, String> found = new LinkedHashMap<>();
    for (Path file : yamlFiles(Repo.k8s())) {
      for (JsonNode document : lenientDocuments(file)) {
        String kind = document.path("kind").asText();
        String where = Repo.relative(file);
        if (kind.equals("ConfigMap")
            && document.path("metadata").path("name").asText().equals(ManifestSet.CONFIG)) {
          document.path("data").fieldNames().forEachRemaining(n -> found.putIfAbsent(n, where));
        }
        if (kind.equals("Deployment")
            && document.path("metadata").path("name").asText().startsWith("docfleet-")) {
          for (JsonNode container :
              document.path("spec").path("template").path("spec").path("containers")) {
            for (JsonNode env : container.path("env")) {
              found.putIfAbsent(env.path("name").asText(), where);
            }
          }
        }
      }
    }
    return found;
  }

  static Map<String, String> compose() {
    ComposeFile compose = ComposeFile.load();
    Map<String, String> found = new LinkedHashMap<>();
    for (String service : compose.services().keySet()) {
      if (compose.runsDocfleet(service)) {
        compose
            .environment(service)
            .keySet()
            .forEach(n -> found.putIfAbsent(n, "compose.yaml " + service));
      }
    }
    return found;
  }

  /** The names the final stage of each Dockerfile sets with ENV. */
  static Map<String, String> dockerfiles() {
    Map<String, String> found = new LinkedHashMap<>();
    for (Path file : Dockerfiles.all()) {
      for (String instruction : Dockerfiles.finalStage(file)) {
        if (instruction.startsWith("ENV ")) {
          Matcher m = ENV_ASSIGNMENT.matcher(withoutQuoted(instruction.substring(4)));
          while (m.find()) {
            found.putIfAbsent(m.group(1), Repo.relative(file));
          }
        }
      }
    }
    return found;
  }

  /** The instruction with its quoted values blanked, so "-Da=b" inside them is no name. */
  private static String withoutQuoted(String text) {
    return text.replaceAll("\"[^\"]*\"", "\"\"");
  }

  private static List<JsonNode> lenientDocuments(Path file) {
    try {
      return List.copyOf(Yaml.documents(file));
    } catch (IllegalArgumentException e) {
      // a JSON 6902 patch: a list of operations, no manifest
      return List.of();
    }
  }

  private static List<Path> yamlFiles(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
