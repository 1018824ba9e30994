package io.docfleet.tools.bench;

/**
 * The Redis memory a prefilled run's tasks took while all of them were queued and none claimed.
 *
 * @param listBytes what {@code MEMORY USAGE tasks:<type> SAMPLES 0} grew by: the queued tasks
 *     themselves, exactly (one type's ready list lives on one server, cluster or not)
 * @param datasetBytes what {@code used_memory_dataset} grew by, summed over every server: the same
 *     plus whatever else changed meanwhile, a cross-check that swings by a few bytes a task
 */
record QueuedMemory(long listBytes, long datasetBytes) {
  private static final double MIB = 1 << 20;

  /** MiB a million queued tasks take, from {@code tasks} of them. */
  double mibPerMillion(int tasks) {
    return listBytes / (double) tasks * 1e6 / MIB;
  }

  /** The same from the servers' dataset growth. */
  double datasetMibPerMillion(int tasks) {
    return datasetBytes / (double) tasks * 1e6 / MIB;
  }
}
