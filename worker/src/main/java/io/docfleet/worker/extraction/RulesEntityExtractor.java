package io.docfleet.worker.extraction;

import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * {@code ENTITY_EXTRACTOR=rules}: regular expressions and a small gazetteer for people,
 * organisations, courts, dates, money, case numbers, statutes, emails and phone numbers. Fully
 * deterministic; overlaps resolve to the longest, then most specific, match.
 */
public final class RulesEntityExtractor implements EntityExtractor {
  public static final String NAME = "rules";

  /** Bump whenever a pattern or the gazetteer changes. */
  public static final String VERSION = "rules-2";

  /** Phone numbers have at least this many digits; shorter runs are something else. */
  private static final int MIN_PHONE_DIGITS = 8;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public List<Entity> extract(Chunk chunk) {
    return Spans.toEntities(chunk, extract(chunk.text()), NAME);
  }

  /** The resolved spans of one text, in its own offsets. */
  static List<Spans.Span> extract(String text) {
    List<Spans.Span> candidates = new ArrayList<>();
    for (EntityPatterns.Rule rule : EntityPatterns.RULES) {
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        Spans.Span span = new Spans.Span(rule.type(), m.start(rule.group()), m.end(rule.group()));
        accept(span, text).ifPresent(candidates::add);
      }
    }
    return Spans.resolve(candidates);
  }

  private static Optional<Spans.Span> accept(Spans.Span span, String text) {
    if (span.type().equals(EntityTypes.PHONE)) {
      long digits =
          text.substring(span.start(), span.end()).chars().filter(Character::isDigit).count();
      return digits >= MIN_PHONE_DIGITS ? Optional.of(span) : Optional.empty();
    }
    return NameRules.clean(span, text);
  }
}
