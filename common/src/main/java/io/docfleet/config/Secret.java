package io.docfleet.config;

/** A password or token: its {@code toString} never shows the value, so it cannot leak into logs. */
public record Secret(String value) {
  public Secret {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a secret needs a value");
    }
  }

  @Override
  public String toString() {
    return "****";
  }
}
