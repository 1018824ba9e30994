package io.docfleet.store;

/** The states of a Textract job, as Textract reports them. */
public enum TextractJobStatus {
  IN_PROGRESS,
  SUCCEEDED,
  FAILED,
  PARTIAL_SUCCESS;

  /** The lower-case name stored in PostgreSQL. */
  public String wireName() {
    return name().toLowerCase();
  }

  public static TextractJobStatus fromWire(String value) {
    return valueOf(value.toUpperCase());
  }
}
