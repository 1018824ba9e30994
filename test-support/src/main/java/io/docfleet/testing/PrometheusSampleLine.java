package io.docfleet.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** One sample line of the Prometheus text format, read strictly left to right. */
final class PrometheusSampleLine {
  static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final String line;
  private int at;

  private PrometheusSampleLine(String line) {
    this.line = line;
  }

  static PrometheusText.Sample parse(String line) {
    return new PrometheusSampleLine(line).sample();
  }

  private PrometheusText.Sample sample() {
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
    return new PrometheusText.Sample(name, labels, number(rest[0]));
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
