package io.docfleet.worker.extraction;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where the entities a model names occur in the chunk: every whole-word occurrence of each
 * distinct (type, text), spaces matching any whitespace, exact case first and any case when that
 * finds none. Texts that do not occur are dropped.
 */
final class MentionLocator {
  private MentionLocator() {}

  static List<Spans.Span> locate(String text, List<EntityMentions.Mention> mentions) {
    Set<Named> distinct = new LinkedHashSet<>();
    for (EntityMentions.Mention mention : mentions) {
      if (mention != null
          && mention.type() != null
          && mention.text() != null
          && !mention.text().isBlank()) {
        distinct.add(new Named(mention.type().typeName(), mention.text().strip()));
      }
    }
    List<Spans.Span> spans = new ArrayList<>();
    for (Named named : distinct) {
      List<Spans.Span> found = find(text, named, 0);
      spans.addAll(found.isEmpty() ? find(text, named, Pattern.CASE_INSENSITIVE) : found);
    }
    return Spans.resolve(spans);
  }

  /** One distinct entity the model named. */
  private record Named(String type, String text) {}

  private static List<Spans.Span> find(String text, Named named, int flags) {
    Matcher m = pattern(named.text(), flags).matcher(text);
    List<Spans.Span> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new Spans.Span(named.type(), m.start(), m.end()));
    }
    return spans;
  }

  private static Pattern pattern(String mention, int flags) {
    List<String> parts = new ArrayList<>();
    for (String token : mention.split("\\s+")) {
      parts.add(Pattern.quote(token));
    }
    String body = String.join("\\s+", parts);
    String before = isWordChar(mention.charAt(0)) ? "(?<![\\p{L}\\p{N}])" : "";
    String after = isWordChar(mention.charAt(mention.length() - 1)) ? "(?![\\p{L}\\p{N}])" : "";
    return Pattern.compile(before + body + after, flags | Pattern.UNICODE_CASE);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c);
  }
}
