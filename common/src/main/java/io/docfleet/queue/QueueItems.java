package io.docfleet.queue;

import io.docfleet.redis.FleetContext;
import io.docfleet.task.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.client.protocol.ScoredEntry;

/**
 * Reads pages of a type's ready list, delayed set and in-flight lists for operators, each in the
 * order the queue will take them, in O(page) commands and items: the ready list oldest (next to
 * run) first ({@code LRANGE} with negative indexes from its right end), the delayed set soonest
 * first ({@code ZRANGE} by rank), the in-flight lists of every worker in {@code workers:index} (by
 * worker id, each oldest first) as one list. Sizes and pages are read in one round trip; a list
 * that changes between the two gives a page of what it held at the second read. Changes nothing.
 */
public final class QueueItems {
  private final FleetContext fleet;

  public QueueItems(FleetContext fleet) {
    this.fleet = fleet;
  }

  /** Up to {@code limit} ready items of the normal lane from {@code offset}, oldest first. */
  public ItemPage ready(String type, int offset, int limit) {
    return ready(type, Priority.NORMAL, offset, limit);
  }

  /**
   * Up to {@code limit} ready items of {@code lane} from {@code offset}, oldest first: its tasks
   * without a group, and a turn ({@link GroupTurns}) for each grouped task that has one.
   */
  public ItemPage ready(String type, Priority lane, int offset, int limit) {
    return page(fleet.keys().runs().lane(type, lane), offset, limit);
  }

  /** Up to {@code limit} ready tasks of {@code group} in {@code lane}, oldest first. */
  public ItemPage ready(String type, Priority lane, String group, int offset, int limit) {
    return page(fleet.keys().groups().ready(type, group, lane), offset, limit);
  }

  private ItemPage page(String list, int offset, int limit) {
    RBatch batch = fleet.redis().createBatch();
    RFuture<Integer> size = batch.<String>getList(list).sizeAsync();
    RFuture<List<String>> page =
        batch.<String>getList(list).rangeAsync(-(offset + limit), -(offset + 1));
    batch.execute();
    List<String> raw = new ArrayList<>(page.toCompletableFuture().join());
    Collections.reverse(raw);
    return new ItemPage(
        size.toCompletableFuture().join(), raw.stream().map(QueueItem::ready).toList());
  }

  /** Up to {@code limit} delayed items from {@code offset}, soonest due first. */
  public ItemPage delayed(String type, int offset, int limit) {
    RBatch batch = fleet.redis().createBatch();
    RFuture<Integer> size = batch.getScoredSortedSet(fleet.keys().delayed(type)).sizeAsync();
    RFuture<java.util.Collection<ScoredEntry<String>>> page =
        batch
            .<String>getScoredSortedSet(fleet.keys().delayed(type))
            .entryRangeAsync(offset, offset + limit - 1);
    batch.execute();
    List<QueueItem> items = new ArrayList<>();
    for (ScoredEntry<String> entry : page.toCompletableFuture().join()) {
      items.add(
          new QueueItem(
              entry.getValue(), null, Instant.ofEpochMilli(entry.getScore().longValue())));
    }
    return new ItemPage(size.toCompletableFuture().join(), items);
  }

  /**
   * Up to {@code limit} in-flight items from {@code offset} over the in-flight lists of every
   * registered worker, by worker id, each list oldest first.
   */
  public ItemPage inFlight(String type, int offset, int limit) {
    List<String> workers = workers();
    RBatch sizes = fleet.redis().createBatch();
    List<RFuture<Integer>> lengths = new ArrayList<>(workers.size());
    for (String worker : workers) {
      lengths.add(sizes.getList(fleet.keys().inFlight(type, worker)).sizeAsync());
    }
    if (!workers.isEmpty()) {
      sizes.execute();
    }
    long total = 0;
    long skip = offset;
    int wanted = limit;
    RBatch pages = fleet.redis().createBatch();
    List<String> owners = new ArrayList<>();
    List<RFuture<List<String>>> reads = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      int length = lengths.get(i).toCompletableFuture().join();
      total += length;
      if (wanted == 0 || skip >= length) {
        skip = Math.max(0, skip - length);
        continue;
      }
      int from = (int) skip;
      int count = Math.min(wanted, length - from);
      owners.add(workers.get(i));
      reads.add(
          pages
              .<String>getList(fleet.keys().inFlight(type, workers.get(i)))
              .rangeAsync(-(from + count), -(from + 1)));
      wanted -= count;
      skip = 0;
    }
    if (!reads.isEmpty()) {
      pages.execute();
    }
    List<QueueItem> items = new ArrayList<>(limit);
    for (int i = 0; i < reads.size(); i++) {
      List<String> raw = new ArrayList<>(reads.get(i).toCompletableFuture().join());
      Collections.reverse(raw);
      for (String item : raw) {
        items.add(new QueueItem(item, owners.get(i), null));
      }
    }
    return new ItemPage(total, items);
  }

  /** The workers in {@code workers:index}, by id. */
  public List<String> workers() {
    Set<String> ids = fleet.redis().<String>getSet(fleet.keys().workersIndex()).readAll();
    return new ArrayList<>(new TreeSet<>(ids));
  }
}
