package io.docfleet.store;

import java.time.Instant;
import java.util.List;

/** The lists the reconciler, the cache warmer and the console walk. */
public interface DocumentQueries {
  /** Queued and processing documents, least recently changed first. */
  List<DocumentRecord> unfinished(int limit);

  /**
   * The page of unfinished documents after {@code (updatedAt, id)} in the order of {@link
   * #unfinished}, for walking them all in pages (keyset paging on the partial index).
   */
  List<DocumentRecord> unfinishedAfter(Instant updatedAt, String id, int limit);

  /** Documents completed at or after {@code since}, most recently completed first. */
  List<DocumentRecord> completedSince(Instant since, int limit);

  /**
   * Up to {@code limit} documents from {@code offset} that match {@code search}, newest first (by
   * creation), and how many match in all.
   */
  DocumentSearch.Page search(DocumentSearch search, long offset, int limit);
}
