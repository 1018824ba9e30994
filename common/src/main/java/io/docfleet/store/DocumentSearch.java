package io.docfleet.store;

import io.docfleet.document.DocumentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a search of the {@code documents} table asks for; every part is optional and the parts that
 * are given must all hold: {@code text} a prefix of the id or a part of the name (case-insensitive,
 * matched literally: {@code %}, {@code _} and {@code \} are no wildcards), {@code status}, {@code
 * sourcePrefix} the start of the source, {@code from} (inclusive) and {@code to} (exclusive) on the
 * creation time.
 */
public record DocumentSearch(
    Optional<String> text,
    Optional<DocumentStatus> status,
    Optional<String> sourcePrefix,
    Optional<Instant> from,
    Optional<Instant> to) {

  /** Every document. */
  public static DocumentSearch all() {
    return new DocumentSearch(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** One page of a search, newest first, and how many documents match in all. */
  public record Page(long total, List<DocumentRecord> documents) {
    public Page {
      documents = List.copyOf(documents);
    }
  }
}
