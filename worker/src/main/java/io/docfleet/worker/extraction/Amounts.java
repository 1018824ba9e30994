package io.docfleet.worker.extraction;

import io.docfleet.document.Entity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Amounts from money entities: each distinct text once, with its value and ISO currency. */
final class Amounts {
  private static final Pattern NUMBER =
      Pattern.compile(
          "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?:\\s+(thousand|million|billion|trillion))?");

  private Amounts() {}

  static List<DocumentFacts.Amount> find(StructuredInput input) {
    Set<String> seen = new LinkedHashSet<>();
    List<DocumentFacts.Amount> amounts = new ArrayList<>();
    for (Entity entity : input.ofType(EntityTypes.MONEY)) {
      String text = entity.text().replaceAll("\\s+", " ");
      if (seen.add(text)) {
        amounts.add(new DocumentFacts.Amount(text, value(text), currency(text)));
      }
    }
    return amounts;
  }

  static BigDecimal value(String text) {
    Matcher m = NUMBER.matcher(text);
    if (!m.find()) {
      return null;
    }
    BigDecimal value = new BigDecimal(m.group(1).replace(",", ""));
    if (m.group(2) == null) {
      return value;
    }
    int zeros =
        switch (m.group(2)) {
          case "thousand" -> 3;
          case "million" -> 6;
          case "billion" -> 9;
          default -> 12;
        };
    BigDecimal scaled = value.movePointRight(zeros).stripTrailingZeros();
    return scaled.scale() < 0 ? scaled.setScale(0) : scaled;
  }

  static String currency(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (text.contains("$") || lower.contains("usd") || lower.contains("dollar")) {
      return "USD";
    }
    if (text.contains("€") || lower.contains("eur")) {
      return "EUR";
    }
    if (text.contains("£") || lower.contains("gbp") || lower.contains("pound")) {
      return "GBP";
    }
    for (String code : List.of("CAD", "AUD", "CHF", "JPY")) {
      if (text.contains(code)) {
        return code;
      }
    }
    return null;
  }
}
