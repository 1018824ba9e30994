package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable the deployment files give docfleet's processes is one the code reads:
 * a misspelt or retired name would otherwise be ignored without a word (configuration is read once,
 * and an unknown variable is not an error).
 */
class EnvNamesTest {
  /**
   * Read by something other than docfleet's Java code: the JVM itself (JAVA_TOOL_OPTIONS), the
   * scripts (JAVA_OPTS), and tesseract, a child process that inherits the worker's environment
   * (OMP_THREAD_LIMIT).
   */
  static final Set<String> READ_ELSEWHERE =
      Set.of("JAVA_TOOL_OPTIONS", "JAVA_OPTS", "OMP_THREAD_LIMIT");

  /**
   * Read by the code but documented outside the README's Configuration: HOSTNAME, which the system
   * sets (part of the default worker id), and the demo's DEMO_TASKS, told beside the demo.
   */
  static final Set<String> DOCUMENTED_ELSEWHERE = Set.of("HOSTNAME", "DEMO_TASKS");

  private final CodeEnvNames code = CodeEnvNames.read();

  @Test
  void theCodeIsSeenToReadTheVariablesItIsKnownToRead() {
    assertThat(code.names)
        .contains(
            "REDIS_URL", // a helper: fromEnv(env, "REDIS_URL")
            "REDIS_CACHE_URL",
            "DATABASE_URL",
            "WORKER_TASK_TYPES",
            "SHUTDOWN_GRACE",
            "COORDINATOR_PORT",
            "COORDINATOR_UPLOAD_DIR", // a constant given to env.get
            "TEXTRACT_POLL_INTERVAL", // positive(env, "...", ...)
            "LOG_LEVEL", // logback.xml's ${LOG_LEVEL:-INFO}
            "HOSTNAME"); // System.getenv
    assertThat(code.reads("CACHE_TTL_OCR")).as("the CACHE_TTL_<TYPE> family").isTrue();
    assertThat(code.reads("RATE_LIMIT_OPENAI_CHAT")).as("the RATE_LIMIT_* family").isTrue();
    assertThat(code.reads("REDIS_PASWORD")).isFalse();
  }

  @Test
  void theCollectorKnowsEveryAccessorOfEnv() {
    assertThat(CodeEnvNames.ACCESSORS).containsAll(CodeEnvNames.accessorsDeclaredByEnv());
  }

  @Test
  void kubernetesManifestsNameOnlyVariablesTheCodeReads() {
    Map<String, String> named = DeployedEnvNames.kubernetes();
    assertThat(named).containsKeys("REDIS_URL", "WORKER_TASK_TYPES", "SHUTDOWN_GRACE");
    assertThat(unread(named)).isEmpty();
  }

  @Test
  void theComposeFileNamesOnlyVariablesTheCodeReads() {
    Map<String, String> named = DeployedEnvNames.compose();
    assertThat(named).containsKeys("REDIS_URL", "REDIS_CACHE_URL", "DATABASE_URL");
    assertThat(unread(named)).isEmpty();
  }

  @Test
  void theDockerfilesSetOnlyVariablesTheCodeReads() {
    Map<String, String> named = DeployedEnvNames.dockerfiles();
    assertThat(named).containsKeys("JAVA_TOOL_OPTIONS");
    assertThat(unread(named)).isEmpty();
  }

  @Test
  void theReadmesConfigurationNamesEveryVariableTheCodeReads() {
    String readme = Repo.read(Repo.root().resolve("README.md"));
    int start = readme.indexOf("\n## Configuration\n");
    assertThat(start).as("the README's Configuration section").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    String configuration = readme.substring(start, end < 0 ? readme.length() : end);
    assertThat(code.names)
        .filteredOn(name -> !DOCUMENTED_ELSEWHERE.contains(name))
        .filteredOn(name -> !configuration.contains("`" + name + "`"))
        .as("variables the code reads that the README's Configuration does not name")
        .isEmpty();
    assertThat(code.prefixes)
        .filteredOn(prefix -> !configuration.contains("`" + prefix))
        .as("variable families the README's Configuration does not name")
        .isEmpty();
    assertThat(readme).as("the demo's section").contains("`DEMO_TASKS`");
  }

  /** The names the code does not read, each with the file that names it. */
  private Map<String, String> unread(Map<String, String> named) {
    Map<String, String> unread = new TreeMap<>();
    named.forEach(
        (name, where) -> {
          if (!code.reads(name) && !READ_ELSEWHERE.contains(name)) {
            unread.put(name, where);
          }
        });
    return unread;
  }
}
