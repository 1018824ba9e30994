package io.docfleet.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

  @Test
  void aSelectorWithMatchersAndARangeNamesItsMetricOnly() {
    assertThat(
            PromQlMetricNames.of(
                "max by (type) (rate(docfleet_tasks_completed_total{type=~\"$type\"}"
                    + "[$__rate_interval]))"))
        .containsExactly("docfleet_tasks_completed_total");
  }

  @Test
  void operandsOfArithmeticComparisonsAndSetOperatorsAreNames() {
    assertThat(PromQlMetricNames.of("a / b > 0.9 and c > 0 or d unless e AND f"))
        .containsExactly("a", "b", "c", "d", "e", "f");
  }

  @Test
  void functionsAggregationsGroupingListsAndKeywordsAreNotNames() {
    assertThat(
            PromQlMetricNames.of(
                "histogram_quantile(0.95, sum without (instance) (rate(x_bucket[5m] offset 1d)))"
                    + " * on (job) group_left (version) build_info"
                    + " + count(y) by (type) - vector(1) + time() + z @ end()"
                    + " > bool 1e3 + 0x1F + Inf"))
        .containsExactly("build_info", "x_bucket", "y", "z");
  }

  @Test
  void stringsAndLabelValuesThatLookLikeQueriesAreNotNames() {
    assertThat(
            PromQlMetricNames.of(
                "label_replace(up{name=\"x by (y) z\", le='0.5'}, \"dst\", \"$1 w\", \"src\","
                    + " \"(.*)\")"))
        .containsExactly("up");
  }

  @Test
  void aSubqueryAndAColonInANameAreRead() {
    assertThat(PromQlMetricNames.of("max_over_time(deriv(job:queue_ready:sum[10m])[1h:5m])"))
        .containsExactly("job:queue_ready:sum");
  }
}
