package io.docfleet.worker.runtime;

/**
 * A worker may not start: a worker of an older version, whose runs this one cannot see, is alive in
 * the same fleet. The message is one line naming it and the README's Upgrading section.
 */
public final class UpgradeBlocked extends RuntimeException {
  UpgradeBlocked(String message) {
    super(message);
  }
}
