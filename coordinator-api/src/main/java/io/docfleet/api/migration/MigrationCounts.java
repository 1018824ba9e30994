package io.docfleet.api.migration;

/**
 * What a key migration did (or, in a dry run, would do): keys moved to their new name, old keys
 * left alone because a different newer key holds the new name, old keys whose new key already holds
 * the same value (a migration interrupted after its copy: the old one is removed), and old-style
 * names that no rule could map.
 */
record MigrationCounts(long moved, long skippedNewer, long alreadyMigrated, long unrecognized) {
  MigrationCounts plus(MigrationCounts other) {
    return new MigrationCounts(
        moved + other.moved,
        skippedNewer + other.skippedNewer,
        alreadyMigrated + other.alreadyMigrated,
        unrecognized + other.unrecognized);
  }
}
