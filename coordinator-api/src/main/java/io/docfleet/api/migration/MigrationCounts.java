package io.docfleet.api.migration;

/**
 * What a key migration did (or, in a dry run, would do): keys moved to their new name (or, for task
 * records, into their queue's hash), old keys left alone because a different newer key holds the
 * new name, old keys whose new key already holds the same value (a migration interrupted after its
 * copy: the old one is removed), old-style names that no rule could map, and task records left
 * under their old name because no queue holds their task (they stay readable until their TTL).
 */
record MigrationCounts(
    long moved, long skippedNewer, long alreadyMigrated, long unrecognized, long left) {
  static final MigrationCounts NONE = new MigrationCounts(0, 0, 0, 0, 0);

  MigrationCounts plus(MigrationCounts other) {
    return new MigrationCounts(
        moved + other.moved,
        skippedNewer + other.skippedNewer,
        alreadyMigrated + other.alreadyMigrated,
        unrecognized + other.unrecognized,
        left + other.left);
  }
}
