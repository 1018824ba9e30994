package io.docfleet.worker.extraction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jurisdiction: the governing law a contract names ("governed by the laws of the State of New
 * York"), else the first court found, else null.
 */
final class Jurisdictions {
  private static final Pattern GOVERNING_LAW =
      Pattern.compile(
          "(?:governed\\s+by|construed\\s+(?:in\\s+accordance\\s+with|under))\\s+the\\s+laws?\\s+of"
              + "\\s+(?:the\\s+)?((?:State|Commonwealth|Province|Republic)\\s+of\\s+)?"
              + "([A-Z][a-z]+(?:\\s+[A-Z][a-z]+){0,2})",
          Pattern.CASE_INSENSITIVE);

  private Jurisdictions() {}

  static String find(StructuredInput input) {
    Matcher m = GOVERNING_LAW.matcher(input.text());
    if (m.find() && Character.isUpperCase(m.group(2).charAt(0))) {
      String prefix = m.group(1) == null ? "" : "the " + m.group(1).replaceAll("\\s+", " ");
      return prefix + m.group(2).replaceAll("\\s+", " ");
    }
    List<String> courts =
        input.ofType(EntityTypes.COURT).stream()
            .map(e -> e.text().replaceAll("\\s+", " "))
            .toList();
    return courts.isEmpty() ? null : courts.get(0);
  }
}
