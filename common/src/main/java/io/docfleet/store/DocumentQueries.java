package io.docfleet.store;

import java.time.Instant;
import java.util.List;

/** The lists the reconciler and the cache warmer walk. */
public interface DocumentQueries {
  /** Queued and processing documents, least recently changed first. */
  List<DocumentRecord> unfinished(int limit);

  /** Documents completed at or after {@code since}, most recently completed first. */
  List<DocumentRecord> completedSince(Instant since, int limit);
}
