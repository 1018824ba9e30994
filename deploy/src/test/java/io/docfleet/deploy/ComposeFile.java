package io.docfleet.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/compose.yaml read as Compose reads it: SnakeYAML resolves its anchors and merge keys
 * ({@code <<: *docfleet-env}), which Jackson's YAML reader leaves alone.
 */
final class ComposeFile {
  static final Path PATH = Repo.deploy().resolve("compose.yaml");

  final Map<String, Object> root;

  private ComposeFile(Map<String, Object> root) {
    this.root = root;
  }

  static ComposeFile load() {
    return parse(Repo.read(PATH));
  }

  @SuppressWarnings("unchecked")
  static ComposeFile parse(String text) {
    org.yaml.snakeyaml.Yaml yaml =
        new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()));
    return new ComposeFile((Map<String, Object>) yaml.load(text));
  }

  Map<String, Object> services() {
    return map(root.get("services"));
  }

  Map<String, Object> service(String name) {
    return map(services().get(name));
  }

  /** True for the services that run a docfleet image (the worker's or the coordinator's). */
  boolean runsDocfleet(String service) {
    Object image = service(service).get("image");
    return image != null && image.toString().startsWith("docfleet-");
  }

  /** A service's environment, from either form Compose accepts (a mapping or KEY=VALUE lines). */
  Map<String, String> environment(String service) {
    Object env = service(service).get("environment");
    Map<String, String> found = new LinkedHashMap<>();
    if (env instanceof Map<?, ?> m) {
      m.forEach((k, v) -> found.put(k.toString(), v == null ? "" : v.toString()));
    } else if (env instanceof List<?> lines) {
      for (Object line : lines) {
        String[] pair = line.toString().split("=", 2);
        found.put(pair[0], pair.length > 1 ? pair[1] : "");
      }
    }
    return found;
  }

  /** The service's command as a list of words. */
  List<String> command(String service) {
    Object command = service(service).get("command");
    List<String> words = new ArrayList<>();
    if (command instanceof List<?> list) {
      list.forEach(w -> words.add(w.toString()));
    } else if (command != null) {
      words.addAll(List.of(command.toString().split("\\s+")));
    }
    return words;
  }

  /** The short-form volume lines of a service ({@code source:target[:mode]}). */
  List<String> volumes(String service) {
    Object volumes = service(service).get("volumes");
    List<String> lines = new ArrayList<>();
    if (volumes instanceof List<?> list) {
      list.forEach(v -> lines.add(v.toString()));
    }
    return lines;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
