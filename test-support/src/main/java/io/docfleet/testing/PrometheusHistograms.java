package io.docfleet.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one histogram series of a parsed {@link PrometheusText}, held to the format's rules: an
 * {@code le} on every bucket, buckets cumulative up to {@code le="+Inf"}, which equals {@code
 * _count}, and a {@code _sum}.
 */
final class PrometheusHistograms {
  private PrometheusHistograms() {}

  /**
   * The histogram series of {@code family} with exactly these labels; an {@link
   * IllegalArgumentException} when it breaks the rules.
   */
  static PrometheusText.Histogram series(
      PrometheusText metrics, String family, Map<String, String> labels) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (PrometheusText.Sample bucket : metrics.samples(family + "_bucket")) {
      Map<String, String> rest = new TreeMap<>(bucket.labels());
      String le = rest.remove("le");
      if (le == null) {
        throw new IllegalArgumentException("bucket without le: " + bucket);
      }
      if (rest.equals(new TreeMap<>(labels))) {
        buckets.put(PrometheusSampleLine.number(le), bucket.value());
      }
    }
    double count = metrics.value(family + "_count", pairs(labels));
    double sum =
        metrics
            .find(family + "_sum", pairs(labels))
            .orElseThrow(() -> new IllegalArgumentException("no _sum for " + family + labels))
            .value();
    if (!buckets.containsKey(Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("no le=\"+Inf\" bucket for " + family + labels);
    }
    double previous = 0;
    for (double value : buckets.values()) {
      if (value < previous) {
        throw new IllegalArgumentException("buckets of " + family + labels + " not cumulative");
      }
      previous = value;
    }
    if (buckets.get(Double.POSITIVE_INFINITY) != count) {
      throw new IllegalArgumentException("+Inf bucket differs from _count for " + family + labels);
    }
    return new PrometheusText.Histogram(buckets, count, sum);
  }

  private static String[] pairs(Map<String, String> labels) {
    List<String> pairs = new ArrayList<>();
    labels.forEach(
        (k, v) -> {
          pairs.add(k);
          pairs.add(v);
        });
    return pairs.toArray(String[]::new);
  }
}
