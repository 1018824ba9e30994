package io.docfleet.worker.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.localservers.ServerProcesses;
import io.docfleet.testing.ScriptRun;
import io.docfleet.testing.SlowTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code scripts/worker} where no Redis answers: one line that says where it looked and
 * what to set, exit 1, no stack trace, and never the password of REDIS_URL.
 */
@SlowTest
class WorkerScriptTest {
  private static final String PASSWORD = "Sh0uld-N3ver-Show";

  @TempDir Path folder;

  @Test
  void withNoRedisAnsweringTheWorkerSaysSoInOneLineWithoutThePassword() throws Exception {
    int port = ServerProcesses.freePorts(1, ServerProcesses::isFree).get(0);
    Map<String, String> env = ScriptRun.baseEnvironment();
    env.put("REDIS_URL", "redis://app:" + PASSWORD + "@127.0.0.1:" + port);

    ScriptRun worker = ScriptRun.run(folder, env, Duration.ofMinutes(2), "worker");

    assertThat(worker.exit()).as(worker.transcript()).isEqualTo(1);
    assertThat(worker.err().lines())
        .as(worker.transcript())
        .singleElement()
        .asString()
        .startsWith("docfleet worker: cannot connect to Redis at redis://127.0.0.1:" + port)
        .contains("REDIS_URL");
    assertThat(worker.out() + worker.err()).doesNotContain(PASSWORD).doesNotContain("\tat ");
  }
}
