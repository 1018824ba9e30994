package io.docfleet.tools.samples;

import io.docfleet.worker.extraction.EntityTypes;

/**
 * The kinds of entity planted in the samples; {@link #entityType()} is the string the extractors
 * put in {@link io.docfleet.document.Entity#type()}, and the manifest lists them under it.
 */
public enum EntityType {
  PERSON(EntityTypes.PERSON),
  ORGANIZATION(EntityTypes.ORGANIZATION),
  COURT(EntityTypes.COURT),
  DATE(EntityTypes.DATE),
  MONEY(EntityTypes.MONEY),
  CASE_NUMBER(EntityTypes.CASE_NUMBER),
  STATUTE(EntityTypes.STATUTE),
  EMAIL(EntityTypes.EMAIL),
  PHONE(EntityTypes.PHONE);

  private final String entityType;

  EntityType(String entityType) {
    this.entityType = entityType;
  }

  public String entityType() {
    return entityType;
  }
}
