package io.docfleet.spend;

import java.util.List;

/**
 * A spend report's answer: the question, the totals over the whole range, and the rows, the {@code
 * limit} groups that cost the most (spent plus saved) when there were more ({@code truncated}, and
 * {@code groups} says how many there were).
 */
public record SpendSheet(
    SpendQuery query, SpendRow totals, List<SpendRow> rows, long groups, boolean truncated) {
  public SpendSheet {
    rows = List.copyOf(rows);
  }
}
