package io.docfleet.document;

/**
 * A deterministic slice of a document's text: a stable id, its position ({@code index}), its
 * character offsets in the whole text ({@code start} inclusive, {@code end} exclusive), the sha256
 * of its text, and the text.
 */
public record Chunk(String id, int index, int start, int end, String sha256, String text) {}
