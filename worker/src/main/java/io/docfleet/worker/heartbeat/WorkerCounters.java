package io.docfleet.worker.heartbeat;

/** What a worker has done so far, reported with every heartbeat. */
public record WorkerCounters(long completed, long failed, long inFlight) {}
