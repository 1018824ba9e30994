package io.docfleet.worker.extraction;

import java.util.List;

/**
 * The entity types every extractor uses, as {@link io.docfleet.document.Entity#type()} holds them.
 */
public final class EntityTypes {
  public static final String PERSON = "person";
  public static final String ORGANIZATION = "organization";
  public static final String COURT = "court";
  public static final String DATE = "date";
  public static final String MONEY = "money";
  public static final String CASE_NUMBER = "case_number";
  public static final String STATUTE = "statute";
  public static final String EMAIL = "email";
  public static final String PHONE = "phone";

  /** Every type, most specific first: on equal spans the earlier type wins. */
  public static final List<String> ALL =
      List.of(COURT, STATUTE, CASE_NUMBER, MONEY, DATE, EMAIL, PHONE, ORGANIZATION, PERSON);

  private EntityTypes() {}

  /** Lower is more specific. */
  static int priority(String type) {
    int index = ALL.indexOf(type);
    return index < 0 ? ALL.size() : index;
  }
}
