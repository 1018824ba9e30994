package io.docfleet.store;

import java.time.Instant;

/** A Textract job as stored: the job, when it was first saved and when it last changed. */
public record TextractJobRecord(TextractJob job, Instant startedAt, Instant updatedAt) {}
