package io.docfleet.queue;

import java.util.List;

/** A page of a queue's items: how many the list (or lists) hold in all, and the page's items. */
public record ItemPage(long total, List<QueueItem> items) {
  public ItemPage {
    items = List.copyOf(items);
  }
}
