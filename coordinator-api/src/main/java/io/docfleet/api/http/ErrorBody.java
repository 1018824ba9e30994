package io.docfleet.api.http;

/** The body of every error answer: what was wrong, and the field or rule that failed. */
public record ErrorBody(String error, String field) {}
