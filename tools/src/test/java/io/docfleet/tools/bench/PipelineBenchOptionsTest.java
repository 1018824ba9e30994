package io.docfleet.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineBenchOptionsTest {

  @Test
  void defaultsAreTwoHundredDocumentsHalfOfThemCopiesOnAPrivateRedis() {
    PipelineBenchOptions options = PipelineBenchOptions.parse(new String[0]);

    assertThat(options.documents()).isEqualTo(200);
    assertThat(options.duplicates()).isEqualTo(0.5);
    assertThat(options.ocrEngine()).isEqualTo("auto");
    assertThat(options.warmup()).isEqualTo(20);
    assertThat(options.redisUrl()).isEmpty();
    assertThat(options.scanRatio()).isZero();
    assertThat(options.poolSizeFor(1)).as("one connection per task thread").isEqualTo(8);
    assertThat(options.poolSizeFor(2)).isEqualTo(16);
    assertThat(options.mixed()).isEqualTo(new PipelineBenchOptions.Mixed(200, 0.3, 0.3));
  }

  @Test
  void readsEveryOption() {
    PipelineBenchOptions options =
        PipelineBenchOptions.parse(
            new String[] {
              "--documents",
              "40",
              "--duplicates",
              "0.25",
              "--concurrency",
              "4",
              "--ocr-engine",
              "tesseract",
              "--warmup",
              "0",
              "--gets",
              "100",
              "--timeout",
              "90",
              "--redis-url",
              "redis://127.0.0.1:6390",
              "--log-dir",
              "logs",
              "--scan-ratio",
              "0.2",
              "--pool-size",
              "3",
              "--mixed",
              "0",
              "--mixed-copies",
              "0.5",
              "--mixed-revisions",
              "0.1"
            });

    assertThat(options.documents()).isEqualTo(40);
    assertThat(options.duplicates()).isEqualTo(0.25);
    assertThat(options.concurrency()).isEqualTo(4);
    assertThat(options.ocrEngine()).isEqualTo("tesseract");
    assertThat(options.warmup()).isZero();
    assertThat(options.gets()).isEqualTo(100);
    assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(options.redisUrl()).contains("redis://127.0.0.1:6390");
    assertThat(options.scanRatio()).isEqualTo(0.2);
    assertThat(options.poolSizeFor(2)).isEqualTo(3);
    assertThat(options.mixed()).isEqualTo(new PipelineBenchOptions.Mixed(0, 0.5, 0.1));
  }

  @Test
  void clusterStartsAPrivateClusterAndCannotBeCombinedWithARedisUrl() {
    assertThat(PipelineBenchOptions.parse(new String[0]).cluster()).isFalse();
    assertThat(PipelineBenchOptions.parse(new String[] {"--cluster"}).cluster()).isTrue();
    assertThatThrownBy(
            () ->
                PipelineBenchOptions.parse(
                    new String[] {"--redis-url", "redis://127.0.0.1:6390", "--cluster"}))
        .hasMessageContaining("--cluster")
        .hasMessageContaining("--redis-url");
  }

  @Test
  void aDuplicateRatioOfOneOrMoreIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> PipelineBenchOptions.parse(new String[] {"--duplicates", "1"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--duplicates")
        .hasMessageContaining("from 0 to below 1");
    assertThatThrownBy(() -> PipelineBenchOptions.parse(new String[] {"--duplicates", "half"}))
        .hasMessageContaining("--duplicates");
    assertThatThrownBy(() -> PipelineBenchOptions.parse(new String[] {"--ocr-engine", "x"}))
        .hasMessageContaining("--ocr-engine");
    assertThatThrownBy(() -> PipelineBenchOptions.parse(new String[] {"--rate", "5"}))
        .hasMessageContaining("unknown option --rate");
  }
}
