package io.docfleet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The test parser accepts the format and refuses what breaks it, saying which line. */
class PrometheusTextTest {
  private static final String VALID =
      """
      # HELP docfleet_queue_ready Ready tasks
      # TYPE docfleet_queue_ready gauge
      docfleet_queue_ready{type="ocr"} 3.0
      docfleet_queue_ready{type="odd \\"one\\"\\\\ here\\n"} 1
      # TYPE docfleet_tasks_completed_total counter
      docfleet_tasks_completed_total{type="ocr"} 12 1700000000000
      # comment lines are fine
      # TYPE d_seconds histogram
      d_seconds_bucket{type="ocr",le="0.1"} 1
      d_seconds_bucket{type="ocr",le="1.0"} 3
      d_seconds_bucket{type="ocr",le="+Inf"} 4
      d_seconds_count{type="ocr"} 4
      d_seconds_sum{type="ocr"} 7.5
      up 1
      """;

  @Test
  void readsSamplesLabelsAndHistograms() {
    PrometheusText text = PrometheusText.parse(VALID);

    assertThat(text.value("docfleet_queue_ready", "type", "ocr")).isEqualTo(3.0);
    assertThat(text.value("docfleet_queue_ready", "type", "odd \"one\"\\ here\n")).isEqualTo(1);
    assertThat(text.value("docfleet_tasks_completed_total")).isEqualTo(12);
    assertThat(text.type("docfleet_tasks_completed_total")).contains("counter");
    assertThat(text.value("up")).isEqualTo(1);
    PrometheusText.Histogram histogram = text.histogram("d_seconds", "type", "ocr");
    assertThat(histogram.count()).isEqualTo(4);
    assertThat(histogram.sum()).isEqualTo(7.5);
    assertThat(histogram.buckets()).containsEntry(1.0, 3.0).containsEntry(0.1, 1.0);
    assertThat(text.find("docfleet_queue_ready", "type", "entities")).isEmpty();
  }

  @Test
  void refusesWhatBreaksTheFormat() {
    refuses("up{a=\"1\" 1\n", "expected , or }");
    refuses("up 1\nup 2\n", "the same series twice");
    refuses("up one\n", "bad number");
    refuses("up 1", "line feed");
    refuses("9up 1\n", "bad metric name");
    refuses("up{a=\"\\x\"} 1\n", "bad escape");
    refuses("up{a=\"1\",a=\"2\"} 1\n", "label a twice");
    refuses("a 1\nb 1\na{x=\"1\"} 1\n", "not together");
    refuses("# TYPE a gauge\n# TYPE a gauge\n", "a second TYPE");
    refuses("# TYPE a sometype\n", "unknown type");
    refuses("# TYPE c counter\nc -1\n", "negative");
  }

  @Test
  void refusesHistogramsThatDoNotAddUp() {
    String notCumulative =
        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n";
    refuses(notCumulative, "not cumulative");
    String countDiffers =
        "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 3\nh_sum 1\n";
    refuses(countDiffers, "differs from _count");
    String noInf = "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\nh_sum 1\n";
    refuses(noInf, "+Inf");
  }

  private static void refuses(String text, String reason) {
    assertThatThrownBy(() -> PrometheusText.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }
}
