package io.docfleet.queue;

import io.docfleet.redis.FleetContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;

/**
 * Marks the documents that have a task queued, delayed or running in this Redis ({@code
 * pipeline:pending:<documentId>}), so the coordinator's reconciler can tell a document whose task
 * Redis lost from one that waits its turn without reading whole queues: one {@code EXISTS} per
 * document, pipelined. {@link TaskSubmitter} marks every task's document as it queues it, the
 * pipeline marks a document while a stage runs and clears it when the document ends. A mark lives
 * {@link #TTL} after its last refresh; a document waiting longer than that in a backlog may be
 * queued once more by the reconciler, which the pipeline's idempotent writes absorb.
 */
public final class PendingDocuments {
  /** How long a mark lives after its last refresh. */
  public static final Duration TTL = Duration.ofDays(7);

  private final FleetContext fleet;

  public PendingDocuments(FleetContext fleet) {
    this.fleet = fleet;
  }

  /** Marks one document: a task for it is queued or running. */
  public void mark(String documentId) {
    markAll(List.of(documentId));
  }

  /** Marks documents in one round trip. */
  public void markAll(Collection<String> documentIds) {
    markAllAsync(documentIds).join();
  }

  /** Marks documents in one round trip, without waiting for it. */
  CompletableFuture<?> markAllAsync(Collection<String> documentIds) {
    if (documentIds.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    RBatch batch = fleet.redis().createBatch();
    String now = Long.toString(fleet.clock().millis());
    for (String id : new LinkedHashSet<>(documentIds)) {
      batch.<String>getBucket(fleet.keys().pendingDocument(id)).setAsync(now, TTL);
    }
    return batch.executeAsync().toCompletableFuture();
  }

  /** Marks one document as part of {@code batch}, sent with the caller's other writes. */
  public void mark(RBatch batch, String documentId) {
    batch
        .<String>getBucket(fleet.keys().pendingDocument(documentId))
        .setAsync(Long.toString(fleet.clock().millis()), TTL);
  }

  /** The document ended (completed or failed): no task for it is left. */
  public void clear(String documentId) {
    fleet.redis().getBucket(fleet.keys().pendingDocument(documentId)).delete();
  }

  /** {@link #clear} as part of {@code batch}, sent with the caller's other writes. */
  public void clear(RBatch batch, String documentId) {
    batch.getBucket(fleet.keys().pendingDocument(documentId)).deleteAsync();
  }

  /** The documents among {@code documentIds} that are marked, checked in one round trip. */
  public Set<String> pendingAmong(Collection<String> documentIds) {
    if (documentIds.isEmpty()) {
      return Set.of();
    }
    RBatch batch = fleet.redis().createBatch();
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(documentIds));
    List<RFuture<Boolean>> answers = new ArrayList<>(ids.size());
    for (String id : ids) {
      answers.add(batch.getBucket(fleet.keys().pendingDocument(id)).isExistsAsync());
    }
    batch.execute();
    Set<String> pending = new LinkedHashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      if (answers.get(i).toCompletableFuture().join()) {
        pending.add(ids.get(i));
      }
    }
    return pending;
  }
}
