/**
 * Fleet-wide duration histograms: the fixed {@link io.docfleet.metrics.DurationBuckets}, the
 * in-memory {@link io.docfleet.metrics.HistogramCounts} a worker records into without touching
 * Redis, and {@link io.docfleet.metrics.FleetHistograms}, the hashes in Redis that workers add
 * their deltas to and the coordinator exposes as Prometheus histograms. {@link
 * io.docfleet.metrics.JvmMeters} binds the JVM's meters for both processes.
 */
package io.docfleet.metrics;
