package io.docfleet.api.migration;

import io.docfleet.redis.RedisKeys;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One rule of the key migration: keys named {@code <oldPrefix><rest>} in the older naming move to
 * the name {@code RedisKeys} builds from {@code rest} today. {@link #ALL} is the whole mapping, the
 * one {@code docs/redis-keys.md} lists under "Migration from the older naming".
 */
record KeyRename(String oldPrefix, String newForm, BiFunction<RedisKeys, String, String> rename) {

  static final List<KeyRename> ALL =
      List.of(
          new KeyRename("doc_state:", "doc:state:<documentId>", RedisKeys::documentState),
          new KeyRename(
              "textract:status:",
              "job:textract:status:<jobId>",
              (keys, jobId) -> keys.ocrJobs().status(jobId)),
          new KeyRename(
              "textract:result:",
              "job:textract:result:<documentId>",
              (keys, documentId) -> keys.ocrJobs().result(documentId)),
          new KeyRename("rate_limit:", "rate:<provider>:<operation>", KeyRename::rateLimit),
          new KeyRename("task_assignments:", "task:assignments:<taskId>", RedisKeys::assignment),
          new KeyRename("cache_metrics:", "cache:metrics:<type>", RedisKeys::cacheMetrics));

  /** The current name of an old key under {@code keys}' prefix; empty when the rest is not one. */
  Optional<String> newName(RedisKeys keys, String oldKey) {
    String rest = oldKey.substring(keys.prefix().length() + oldPrefix.length());
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(rename.apply(keys, rest));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The {@code SCAN MATCH} pattern of this rule's old keys under {@code keys}' prefix. */
  String pattern(RedisKeys keys) {
    return glob(keys.prefix() + oldPrefix) + "*";
  }

  private static String rateLimit(RedisKeys keys, String rest) {
    int colon = rest.indexOf(':');
    if (colon <= 0 || colon == rest.length() - 1) {
      throw new IllegalArgumentException("not <provider>:<operation>: " + rest);
    }
    return keys.rateLimit(rest.substring(0, colon), rest.substring(colon + 1));
  }

  private static String glob(String literal) {
    return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }
}
