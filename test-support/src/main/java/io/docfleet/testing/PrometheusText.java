package io.docfleet.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A strict parser of the Prometheus text exposition format (0.0.4), for tests that read a {@code
 * /metrics} answer: every line is {@code # HELP}, {@code # TYPE}, another comment, or a sample
 * {@code name{label="value",...} value [timestamp]}, and anything else fails the parse with the
 * line. It also holds the answer to the format's rules: one {@code TYPE} per family, before its
 * samples; a family's lines together; no series twice; counters not negative; a histogram's buckets
 * cumulative with {@code le="+Inf"} equal to {@code _count}, and a {@code _sum}.
 *
 * <pre>{@code
 * PrometheusText metrics = PrometheusText.parse(body);
 * metrics.value("docfleet_queue_ready", "type", "ocr");        // 3.0
 * metrics.histogram("docfleet_task_duration_seconds", "type", "ocr").count();
 * }</pre>
 */
public final class PrometheusText {
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {
    public Sample {
      labels = Map.copyOf(labels);
    }

    boolean has(String... pairs) {
      for (int i = 0; i < pairs.length; i += 2) {
        if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
          return false;
        }
      }
      return true;
    }
  }

  /** One histogram series: its buckets by bound (cumulative), count and sum. */
  public record Histogram(TreeMap<Double, Double> buckets, double count, double sum) {}

  private final Map<String, String> types = new LinkedHashMap<>();
  private final Map<String, String> helps = new LinkedHashMap<>();
  private final List<Sample> samples = new ArrayList<>();
  private final Map<Sample, String> familyOf = new LinkedHashMap<>();

  private PrometheusText() {}

  /** Parses a whole answer; throws {@link IllegalArgumentException} naming the bad line. */
  public static PrometheusText parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the last line does not end with a line feed");
    }
    PrometheusText parsed = new PrometheusText();
    Set<String> closedFamilies = new HashSet<>();
    Set<String> series = new HashSet<>();
    String current = null;
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.isEmpty()) {
        continue;
      }
      try {
        String family;
        if (line.startsWith("#")) {
          family = parsed.comment(line);
          if (family == null) {
            continue;
          }
        } else {
          Sample sample = PrometheusSampleLine.parse(line);
          if (!series.add(sample.name() + new TreeMap<>(sample.labels()))) {
            throw new IllegalArgumentException("the same series twice");
          }
          family = parsed.familyOf(sample.name());
          parsed.samples.add(sample);
          parsed.familyOf.put(sample, family);
        }
        if (!family.equals(current)) {
          if (!closedFamilies.add(family)) {
            throw new IllegalArgumentException("lines of family " + family + " are not together");
          }
          current = family;
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "line " + number + " '" + line + "': " + e.getMessage(), e);
      }
    }
    parsed.checkCounters();
    parsed.checkHistograms();
    return parsed;
  }

  /** The family a comment line speaks of, or null for a plain comment. */
  private String comment(String line) {
    String[] parts = line.split(" ", 4);
    if (parts.length < 3 || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
      return null;
    }
    String name = parts[2];
    if (!PrometheusSampleLine.METRIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad metric name " + name);
    }
    if (parts[1].equals("TYPE")) {
      String type = parts.length == 4 ? parts[3] : "";
      if (!TYPES.contains(type)) {
        throw new IllegalArgumentException("unknown type " + type);
      }
      if (types.put(name, type) != null) {
        throw new IllegalArgumentException("a second TYPE for " + name);
      }
      if (samples.stream().anyMatch(s -> familyOf.get(s).equals(name))) {
        throw new IllegalArgumentException("TYPE after samples of " + name);
      }
    } else if (helps.put(name, parts.length == 4 ? parts[3] : "") != null) {
      throw new IllegalArgumentException("a second HELP for " + name);
    }
    return name;
  }

  private String familyOf(String sampleName) {
    if (types.containsKey(sampleName)) {
      return sampleName;
    }
    for (String suffix : List.of("_bucket", "_count", "_sum", "_total")) {
      if (sampleName.endsWith(suffix)) {
        String base = sampleName.substring(0, sampleName.length() - suffix.length());
        String type = types.getOrDefault(base, "");
        boolean belongs =
            switch (suffix) {
              case "_bucket" -> type.equals("histogram");
              case "_total" -> type.equals("counter");
              default -> type.equals("histogram") || type.equals("summary");
            };
        if (belongs) {
          return base;
        }
      }
    }
    return sampleName;
  }

  private void checkCounters() {
    for (Sample sample : samples) {
      if ("counter".equals(types.get(familyOf.get(sample))) && !(sample.value() >= 0)) {
        throw new IllegalArgumentException("counter " + sample + " is negative or NaN");
      }
    }
  }

  private void checkHistograms() {
    types.forEach(
        (family, type) -> {
          if (type.equals("histogram")) {
            for (Sample count : samples(family + "_count")) {
              PrometheusHistograms.series(this, family, count.labels());
            }
          }
        });
  }

  /** The TYPE of a family, when one was given. */
  public Optional<String> type(String family) {
    return Optional.ofNullable(types.get(family));
  }

  /** Every sample named {@code name} exactly. */
  public List<Sample> samples(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** Every sample. */
  public List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** The one sample named {@code name} with these label pairs, if there is one. */
  public Optional<Sample> find(String name, String... labelPairs) {
    if (labelPairs.length % 2 != 0) {
      throw new IllegalArgumentException("label pairs come in twos");
    }
    List<Sample> found = samples(name).stream().filter(s -> s.has(labelPairs)).toList();
    if (found.size() > 1) {
      throw new AssertionError(found.size() + " samples match " + name + " " + List.of(labelPairs));
    }
    return found.stream().findFirst();
  }

  /** The value of the one sample named {@code name} with these label pairs. */
  public double value(String name, String... labelPairs) {
    return find(name, labelPairs)
        .orElseThrow(() -> new AssertionError("no sample " + name + " " + List.of(labelPairs)))
        .value();
  }

  /** The one histogram series of {@code family} with these label pairs. */
  public Histogram histogram(String family, String... labelPairs) {
    Sample count =
        find(family + "_count", labelPairs)
            .orElseThrow(() -> new AssertionError("no histogram " + family + List.of(labelPairs)));
    return PrometheusHistograms.series(this, family, count.labels());
  }
}
