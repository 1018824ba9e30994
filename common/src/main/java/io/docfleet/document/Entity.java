package io.docfleet.document;

/**
 * One entity found in a document: its type (person, organization, court, date, money, case_number,
 * statute, email, phone), its text, its character offsets in the whole document text, and the
 * extractor that found it ({@code rules} or {@code openai:<model>}).
 */
public record Entity(String type, String text, int start, int end, String extractor) {}
