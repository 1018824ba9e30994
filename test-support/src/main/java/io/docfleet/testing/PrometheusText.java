package io.docfleet.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

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
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
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
          Sample sample = SampleLine.parse(line);
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
    if (!METRIC_NAME.matcher(name).matches()) {
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
              histogramOf(family, count.labels());
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
    return histogramOf(family, count.labels());
  }

  private Histogram histogramOf(String family, Map<String, String> labels) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (Sample bucket : samples(family + "_bucket")) {
      Map<String, String> rest = new TreeMap<>(bucket.labels());
      String le = rest.remove("le");
      if (le == null) {
        throw new IllegalArgumentException("bucket without le: " + bucket);
      }
      if (rest.equals(new TreeMap<>(labels))) {
        buckets.put(SampleLine.number(le), bucket.value());
      }
    }
    double count = value(family + "_count", pairs(labels));
    double sum =
        find(family + "_sum", pairs(labels))
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
    return new Histogram(buckets, count, sum);
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

  /** One sample line, read strictly left to right. */
  private static final class SampleLine {
    private final String line;
    private int at;

    private SampleLine(String line) {
      this.line = line;
    }

    static Sample parse(String line) {
      return new SampleLine(line).sample();
    }

    private Sample sample() {
      String name = token(METRIC_NAME, "metric name");
      Map<String, String> labels = new LinkedHashMap<>();
      if (peek() == '{') {
        at++;
        while (peek() != '}') {
          String label = token(LABEL_NAME, "label name");
          expect('=');
          expect('"');
          if (labels.put(label, quoted()) != null) {
            throw new IllegalArgumentException("label " + label + " twice");
          }
          if (peek() == ',') {
            at++;
          } else if (peek() != '}') {
            throw new IllegalArgumentException("expected , or } at " + at);
          }
        }
        at++;
      }
      expect(' ');
      String[] rest = line.substring(at).split(" ", -1);
      if (rest.length > 2 || rest[0].isEmpty()) {
        throw new IllegalArgumentException("expected a value and at most a timestamp");
      }
      if (rest.length == 2) {
        Long.parseLong(rest[1]);
      }
      return new Sample(name, labels, number(rest[0]));
    }

    private String token(Pattern pattern, String what) {
      int start = at;
      while (at < line.length() && "{}= ,\"".indexOf(line.charAt(at)) < 0) {
        at++;
      }
      String token = line.substring(start, at);
      if (!pattern.matcher(token).matches()) {
        throw new IllegalArgumentException("bad " + what + " '" + token + "'");
      }
      return token;
    }

    private String quoted() {
      StringBuilder value = new StringBuilder();
      while (true) {
        if (at >= line.length()) {
          throw new IllegalArgumentException("unterminated label value");
        }
        char c = line.charAt(at++);
        if (c == '"') {
          return value.toString();
        }
        if (c == '\\') {
          char escaped = at < line.length() ? line.charAt(at++) : ' ';
          switch (escaped) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default -> throw new IllegalArgumentException("bad escape \\" + escaped);
          }
        } else {
          value.append(c);
        }
      }
    }

    private char peek() {
      if (at >= line.length()) {
        throw new IllegalArgumentException("line ends early");
      }
      return line.charAt(at);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + at);
      }
      at++;
    }

    static double number(String text) {
      return switch (text) {
        case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        case "NaN" -> Double.NaN;
        default -> {
          if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            throw new IllegalArgumentException("bad number '" + text + "'");
          }
          yield Double.parseDouble(text);
        }
      };
    }
  }
}
