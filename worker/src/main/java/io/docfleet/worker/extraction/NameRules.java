package io.docfleet.worker.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small gazetteer behind names: capitalised words that start a sentence or name a role are
 * trimmed off organisations, courts and people, and a person whose words belong to an organisation
 * or a court is no person.
 */
final class NameRules {
  private static final Pattern WORD = Pattern.compile("\\S+");

  private static final Set<String> ROLES =
      words(
          "plaintiff defendant petitioner respondent appellant appellee claimant debtor "
              + "creditor employee employer tenant landlord buyer seller purchaser borrower "
              + "lender guarantor licensor licensee consultant contractor client counsel attorney");

  private static final Set<String> FUNCTION_WORDS =
      words(
          "the this that these those on in at by for from between and or of to with under "
              + "pursuant against whereas dear re both each upon when if as its their our your a "
              + "an notice hereby said such dated signed accordingly however while after before "
              + "during since then there here we i he she it they you all any no not but so also "
              + "including");

  private static final Set<String> NOT_PERSON =
      words(
          "inc llc ltd corp corporation company co gmbh plc llp bank university college "
              + "institute hospital foundation trust association partners group holdings fund "
              + "agency authority commission department council board court "
              + "district county state states united circuit supreme section act code agreement "
              + "contract invoice exhibit schedule article complaint motion order january "
              + "february march april june july august september october november december monday "
              + "tuesday wednesday thursday friday saturday sunday");

  private NameRules() {}

  private static Set<String> words(String spaceSeparated) {
    return Set.of(spaceSeparated.split(" "));
  }

  /** The span with stray words trimmed, or empty when no name is left. */
  static Optional<Spans.Span> clean(Spans.Span span, String text) {
    List<int[]> words = words(text, span.start(), span.end());
    switch (span.type()) {
      case EntityTypes.ORGANIZATION, EntityTypes.COURT -> {
        while (!words.isEmpty() && isStopWord(word(text, words.get(0)))) {
          words.remove(0);
        }
        if (span.type().equals(EntityTypes.ORGANIZATION) && words.size() < 2) {
          return Optional.empty();
        }
      }
      case EntityTypes.PERSON -> {
        while (!words.isEmpty() && isStopWord(word(text, words.get(words.size() - 1)))) {
          words.remove(words.size() - 1);
        }
        if (words.stream().anyMatch(w -> NOT_PERSON.contains(key(word(text, w))))) {
          return Optional.empty();
        }
      }
      default -> {
        return Optional.of(span);
      }
    }
    if (words.isEmpty()) {
      return Optional.empty();
    }
    int start = words.get(0)[0];
    int end = words.get(words.size() - 1)[1];
    return Optional.of(new Spans.Span(span.type(), start, end));
  }

  private static boolean isStopWord(String word) {
    String key = key(word);
    return FUNCTION_WORDS.contains(key) || ROLES.contains(key) || ROLES.contains(singular(key));
  }

  private static String key(String word) {
    return word.replaceAll("[^A-Za-z]", "").toLowerCase();
  }

  private static String singular(String key) {
    return key.endsWith("s") ? key.substring(0, key.length() - 1) : key;
  }

  private static String word(String text, int[] bounds) {
    return text.substring(bounds[0], bounds[1]);
  }

  private static List<int[]> words(String text, int start, int end) {
    List<int[]> words = new ArrayList<>();
    Matcher m = WORD.matcher(text).region(start, end);
    while (m.find()) {
      words.add(new int[] {m.start(), m.end()});
    }
    return words;
  }
}
