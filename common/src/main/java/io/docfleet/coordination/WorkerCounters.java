package io.docfleet.coordination;

/** What a worker has done so far, reported with every heartbeat. */
public record WorkerCounters(long completed, long failed, long inFlight) {}
