package io.docfleet.api.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain text table: a header row and left-aligned columns two spaces apart, each as wide as its
 * widest cell; numeric columns (named at construction) are right-aligned.
 */
final class Table {
  private final String[] header;
  private final boolean[] numeric;
  private final List<String[]> rows = new ArrayList<>();

  Table(String... header) {
    this.header = header;
    this.numeric = new boolean[header.length];
  }

  /** Right-aligns the columns at these indexes. */
  Table numeric(int... columns) {
    for (int column : columns) {
      numeric[column] = true;
    }
    return this;
  }

  Table row(Object... cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + header.length + " columns");
    }
    rows.add(Arrays.stream(cells).map(c -> c == null ? "-" : c.toString()).toArray(String[]::new));
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  List<String> lines() {
    int[] widths = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      widths[i] = header[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>(rows.size() + 1);
    lines.add(line(header, widths));
    for (String[] row : rows) {
      lines.add(line(row, widths));
    }
    return lines;
  }

  void print(PrintWriter out) {
    lines().forEach(out::println);
  }

  private String line(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        line.append("  ");
      }
      String pad = " ".repeat(widths[i] - cells[i].length());
      boolean last = i == cells.length - 1;
      if (numeric[i]) {
        line.append(pad).append(cells[i]);
      } else {
        line.append(cells[i]).append(last ? "" : pad);
      }
    }
    return line.toString();
  }
}
