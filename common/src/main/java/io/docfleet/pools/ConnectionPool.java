package io.docfleet.pools;

import io.micrometer.core.instrument.binder.MeterBinder;

/** A connection pool of this process: how full it is now, and its meters once bound. */
public interface ConnectionPool extends MeterBinder {
  /** A reading taken now (in memory: no call to the server). */
  PoolUse use();
}
