package io.docfleet.worker.extraction;

import io.docfleet.document.Entity;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key dates from date entities: each distinct text once, as YYYY-MM-DD when unambiguous (a slashed
 * date reads month first unless the first number is above 12; when both are 12 or below it stays
 * null; dotted dates read day first), labelled by the nearest keyword before it.
 */
final class KeyDates {
  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("oct", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12));
  private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern NUMERIC = Pattern.compile("(\\d{1,2})([/.])(\\d{1,2})\\2(\\d{4})");
  private static final Pattern WORDS =
      Pattern.compile(
          "(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:day\\s+of\\s+)?)?([A-Za-z]{3})[a-z]*\\.?"
              + "(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?)?,?\\s+(\\d{4})");
  private static final Pattern LABEL =
      Pattern.compile(
          "\\b(dated|effective|filed|due|signed|executed|hearing|terminat\\w*|expir\\w*|entered)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final int LABEL_WINDOW = 60;

  private KeyDates() {}

  static List<DocumentFacts.KeyDate> find(StructuredInput input) {
    Set<String> seen = new LinkedHashSet<>();
    List<DocumentFacts.KeyDate> dates = new ArrayList<>();
    for (Entity entity : input.ofType(EntityTypes.DATE)) {
      String text = entity.text().replaceAll("\\s+", " ");
      if (seen.add(text)) {
        dates.add(
            new DocumentFacts.KeyDate(text, toIso(text), label(input.text(), entity.start())));
      }
    }
    return dates;
  }

  /** The date as YYYY-MM-DD, or null when it is ambiguous or not a real date. */
  static String toIso(String text) {
    try {
      Matcher m = ISO.matcher(text);
      if (m.matches()) {
        return iso(m.group(1), m.group(2), m.group(3));
      }
      m = NUMERIC.matcher(text);
      if (m.matches()) {
        int first = Integer.parseInt(m.group(1));
        int second = Integer.parseInt(m.group(3));
        if (m.group(2).equals(".") || first > 12) {
          return iso(m.group(4), m.group(3), m.group(1));
        }
        return second > 12 ? iso(m.group(4), m.group(1), m.group(3)) : null;
      }
      m = WORDS.matcher(text);
      if (m.matches()) {
        Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
        String day = m.group(1) != null ? m.group(1) : m.group(3);
        return month == null || day == null ? null : iso(m.group(4), month.toString(), day);
      }
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
    return null;
  }

  private static String iso(String year, String month, String day) {
    return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day))
        .toString();
  }

  private static String label(String text, int start) {
    String before = text.substring(Math.max(0, start - LABEL_WINDOW), start);
    int sentence = Math.max(before.lastIndexOf(". "), before.lastIndexOf('\n'));
    Matcher m = LABEL.matcher(sentence < 0 ? before : before.substring(sentence + 1));
    String label = null;
    while (m.find()) {
      label = m.group(1).toLowerCase(Locale.ROOT);
    }
    if (label == null) {
      return null;
    }
    if (label.startsWith("terminat") || label.startsWith("expir")) {
      return "termination";
    }
    return label.equals("executed") ? "signed" : label;
  }
}
