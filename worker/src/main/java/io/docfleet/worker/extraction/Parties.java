package io.docfleet.worker.extraction;

import io.docfleet.document.Entity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parties of a document from its person and organisation entities: one per name (any case), in
 * order of first mention, with the role stated next to a mention; judges and counsel are not
 * parties.
 */
final class Parties {
  static final int MAX_PARTIES = 25;

  private static final String ROLES =
      "plaintiff|defendant|petitioner|respondent|appellant|appellee|claimant|debtor|creditor"
          + "|employee|employer|tenant|landlord|buyer|seller|purchaser|borrower|lender|guarantor"
          + "|licensor|licensee|consultant|contractor|client|customer|vendor|supplier";

  /** A role right after the name: {@code , Plaintiff}, {@code (the "Buyer")}, {@code as Tenant}. */
  private static final Pattern ROLE_AFTER =
      Pattern.compile(
          "^,?\\s*(?:an individual,?\\s*)?(?:\\(|as\\s+)?(?:the\\s+)?[\"“]?(" + ROLES + ")s?\\b",
          Pattern.CASE_INSENSITIVE);

  /** A role right before the name: {@code Plaintiff John Doe}. */
  private static final Pattern ROLE_BEFORE =
      Pattern.compile("\\b(" + ROLES + ")s?,?\\s*$", Pattern.CASE_INSENSITIVE);

  private static final Pattern NOT_A_PARTY =
      Pattern.compile(
          "\\b(?:judge|justice|hon\\.|honorable|counsel|attorney|esq\\.?)\\s*$",
          Pattern.CASE_INSENSITIVE);
  private static final int WINDOW = 30;

  private Parties() {}

  static List<DocumentFacts.Party> find(StructuredInput input) {
    Map<String, DocumentFacts.Party> parties = new LinkedHashMap<>();
    for (Entity entity : input.entities()) {
      boolean person = entity.type().equals(EntityTypes.PERSON);
      if (!person && !entity.type().equals(EntityTypes.ORGANIZATION)) {
        continue;
      }
      String before = input.text().substring(Math.max(0, entity.start() - WINDOW), entity.start());
      if (person && NOT_A_PARTY.matcher(before).find()) {
        continue;
      }
      String after =
          input
              .text()
              .substring(entity.end(), Math.min(input.text().length(), entity.end() + WINDOW));
      String role = role(before, after);
      String key = entity.text().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
      DocumentFacts.Party known = parties.get(key);
      if (known == null) {
        if (parties.size() < MAX_PARTIES) {
          parties.put(key, new DocumentFacts.Party(name(entity.text()), kind(person), role));
        }
      } else if (known.role() == null && role != null) {
        parties.put(key, new DocumentFacts.Party(known.name(), known.kind(), role));
      }
    }
    return new ArrayList<>(parties.values());
  }

  private static String role(String before, String after) {
    Matcher m = ROLE_AFTER.matcher(after);
    if (m.find()) {
      return m.group(1).toLowerCase(Locale.ROOT);
    }
    m = ROLE_BEFORE.matcher(before);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  private static String name(String text) {
    return text.replaceAll("\\s+", " ");
  }

  private static String kind(boolean person) {
    return person ? EntityTypes.PERSON : EntityTypes.ORGANIZATION;
  }
}
