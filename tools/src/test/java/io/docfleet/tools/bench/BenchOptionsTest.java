package io.docfleet.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsStartAPrivateRedisAndRunBothRuns() {
    BenchOptions options = BenchOptions.parse(new String[0]);

    assertThat(options.redisUrl()).isEmpty();
    assertThat(options.runs()).containsExactly("burst", "paced");
    assertThat(options.taskType()).isEqualTo("noop");
    assertThat(options.pacedTasks()).isEqualTo(options.rate() * options.seconds());
  }

  @Test
  void readsEveryOption() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {
              "--tasks",
              "1_000",
              "--workers",
              "2",
              "--concurrency",
              "64",
              "--type",
              "sleep",
              "--sleep-ms",
              "5",
              "--rate",
              "0",
              "--runs",
              "paced",
              "--redis-url",
              "redis://127.0.0.1:7000",
              "--worker-java-opts",
              " -Xmx256m  -XX:+UseSerialGC "
            });

    assertThat(options.tasks()).isEqualTo(1_000);
    assertThat(options.workers()).isEqualTo(2);
    assertThat(options.concurrency()).isEqualTo(64);
    assertThat(options.sleepMs()).isEqualTo(5);
    assertThat(options.runs("burst")).isFalse();
    assertThat(options.pacedTasks()).as("rate 0 runs --tasks as fast as possible").isEqualTo(1_000);
    assertThat(options.redisUrl()).contains("redis://127.0.0.1:7000");
    assertThat(options.workerJavaOptions()).isEqualTo(List.of("-Xmx256m", "-XX:+UseSerialGC"));
  }

  @Test
  void theLaneRunsAreSkippedUnlessAsked() {
    BenchOptions none = BenchOptions.parse(new String[0]);
    BenchOptions both =
        BenchOptions.parse(new String[] {"--lane-probes", "100", "--low-share", "20000"});

    assertThat(none.laneProbes()).isZero();
    assertThat(none.lowShare()).isZero();
    assertThat(both.laneProbes()).isEqualTo(100);
    assertThat(both.lowShare()).isEqualTo(20_000);
  }

  @Test
  void clusterStartsAPrivateClusterAndCannotBeCombinedWithARedisUrl() {
    assertThat(BenchOptions.parse(new String[0]).cluster()).isFalse();
    BenchOptions options = BenchOptions.parse(new String[] {"--tasks", "100000", "--cluster"});

    assertThat(options.cluster()).isTrue();
    assertThat(options.tasks()).isEqualTo(100_000);
    assertThat(options.redisUrl()).isEmpty();
    assertThatThrownBy(
            () ->
                BenchOptions.parse(
                    new String[] {"--cluster", "--redis-url", "redis://127.0.0.1:7000"}))
        .hasMessageContaining("--cluster")
        .hasMessageContaining("--redis-url");
    assertThat(BenchOptions.USAGE).contains("--cluster");
  }

  @Test
  void namesTheOptionThatIsWrong() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--workers", "0"}))
        .hasMessageContaining("--workers");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--type", "ocr"}))
        .hasMessageContaining("--type");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--speed", "9"}))
        .hasMessageContaining("unknown option --speed");
  }

  @Test
  void readsTheGroupRunsAndServesWebhooksOnlyWhenOneIsAsked() {
    assertThat(BenchOptions.parse(new String[0]).groupRuns()).isFalse();

    BenchOptions options =
        BenchOptions.parse(new String[] {"--group-fairness", "20_000", "--group-limit", "4"});

    assertThat(options.groupFairness()).isEqualTo(20_000);
    assertThat(options.groupLimit()).isEqualTo(4);
    assertThat(options.groupRuns()).isTrue();
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--group-limit", "-1"}))
        .hasMessageContaining("--group-limit");
  }
}
