package io.docfleet.worker.extraction;

import io.docfleet.worker.extraction.DocumentFacts.DocumentType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells the document type from keywords: each type scores one point per distinct keyword present, a
 * court filing two more per court and per case number found; the best score of at least {@value
 * #MIN_SCORE} wins, ties going to the type listed first.
 */
final class DocumentTypes {
  static final int MIN_SCORE = 2;

  private static final Map<DocumentType, List<Pattern>> KEYWORDS = new LinkedHashMap<>();

  static {
    KEYWORDS.put(
        DocumentType.COURT_FILING,
        patterns(
            "plaintiffs?",
            "defendants?",
            "petitioner",
            "respondent",
            "complaint",
            "motion",
            "case no\\.",
            "docket",
            "v\\.",
            "jury",
            "hereby moves",
            "prayer for relief"));
    KEYWORDS.put(
        DocumentType.INVOICE,
        patterns(
            "invoice",
            "bill to",
            "amount due",
            "total due",
            "balance due",
            "payment terms",
            "subtotal",
            "unit price",
            "qty",
            "due date"));
    KEYWORDS.put(
        DocumentType.CONTRACT,
        patterns(
            "agreement",
            "whereas",
            "hereby agree",
            "the parties",
            "terms and conditions",
            "governed by",
            "in witness whereof",
            "terminat(e|ion)",
            "effective date",
            "shall"));
    KEYWORDS.put(
        DocumentType.LETTER,
        patterns("dear", "sincerely", "yours truly", "kind regards", "best regards", "re:"));
  }

  private DocumentTypes() {}

  static DocumentType classify(StructuredInput input) {
    String text = input.text().toLowerCase(Locale.ROOT);
    DocumentType best = DocumentType.OTHER;
    int bestScore = MIN_SCORE - 1;
    for (Map.Entry<DocumentType, List<Pattern>> entry : KEYWORDS.entrySet()) {
      int score = (int) entry.getValue().stream().filter(p -> p.matcher(text).find()).count();
      if (entry.getKey() == DocumentType.COURT_FILING) {
        score += 2 * Math.min(1, input.ofType(EntityTypes.COURT).size());
        score += 2 * Math.min(1, input.ofType(EntityTypes.CASE_NUMBER).size());
      }
      if (score > bestScore) {
        best = entry.getKey();
        bestScore = score;
      }
    }
    return best;
  }

  private static List<Pattern> patterns(String... keywords) {
    return java.util.Arrays.stream(keywords)
        .map(k -> Pattern.compile("(?<![a-z])" + k + "(?![a-z])"))
        .toList();
  }
}
