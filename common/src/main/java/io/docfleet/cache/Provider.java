package io.docfleet.cache;

/** A paid provider whose operations are rate-limited across the fleet. */
public enum Provider {
  OPENAI("openai"),
  TEXTRACT("textract");

  private final String wireName;

  Provider(String wireName) {
    this.wireName = wireName;
  }

  /** The name in keys and variables: {@code rate:openai:<operation>}. */
  public String wireName() {
    return wireName;
  }
}
