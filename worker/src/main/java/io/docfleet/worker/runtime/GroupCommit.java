package io.docfleet.worker.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sends many small Redis steps as one call, the way a database commits a group of transactions: at
 * most one call is in flight; whatever is handed in while it runs waits and goes out together in
 * the next call, up to {@code maxBatch} items. An idle worker therefore sends each item at once (no
 * timer, no added wait), and a busy one sends few large calls.
 *
 * <p>A call that starts while nothing is in flight starts on the caller's thread, at once or, when
 * the caller is in a run of items ({@link DeferredSends}), at the end of that run, so items that a
 * claim or a Redis reply hands in one after another go out together. One failed call fails every
 * item in it; callers retry their own item.
 *
 * @param <T> what an item is
 * @param <R> the per-item result
 */
final class GroupCommit<T, R> {

  /** Sends one group; returns one result per item, in order. */
  @FunctionalInterface
  interface Sender<T, R> {
    CompletionStage<List<R>> send(List<T> items);
  }

  private record Pending<T, R>(T item, CompletableFuture<R> result) {}

  private final Sender<T, R> sender;
  private final int maxBatch;
  private final ArrayDeque<Pending<T, R>> pending = new ArrayDeque<>();
  private boolean inFlight;

  GroupCommit(Sender<T, R> sender, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    this.sender = sender;
    this.maxBatch = maxBatch;
  }

  /** Queues one item; the result completes when the call that carried it returns. */
  CompletableFuture<R> submit(T item) {
    CompletableFuture<R> result = new CompletableFuture<>();
    boolean start;
    synchronized (this) {
      pending.add(new Pending<>(item, result));
      start = !inFlight;
      inFlight = true;
    }
    if (start) {
      DeferredSends.send(this::sendNext);
    }
    return result;
  }

  private void sendNext() {
    List<Pending<T, R>> group;
    synchronized (this) {
      if (pending.isEmpty()) {
        inFlight = false;
        return;
      }
      group = new ArrayList<>(Math.min(pending.size(), maxBatch));
      while (group.size() < maxBatch && !pending.isEmpty()) {
        group.add(pending.poll());
      }
    }
    List<T> items = new ArrayList<>(group.size());
    group.forEach(p -> items.add(p.item()));
    CompletionStage<List<R>> call;
    try {
      call = sender.send(items);
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    call.whenComplete(
        (results, error) -> {
          DeferredSends.during(() -> completeAll(group, results, error));
          sendNext();
        });
  }

  /** Completes each item of a call; what their callbacks hand in goes out when all are done. */
  private static <T, R> void completeAll(
      List<Pending<T, R>> group, List<R> results, Throwable error) {
    for (int i = 0; i < group.size(); i++) {
      CompletableFuture<R> result = group.get(i).result();
      if (error != null) {
        result.completeExceptionally(error);
      } else if (results == null || results.size() != group.size()) {
        result.completeExceptionally(
            new IllegalStateException("expected " + group.size() + " results, got " + results));
      } else {
        result.complete(results.get(i));
      }
    }
  }
}
