package io.docfleet.api.migration;

import io.docfleet.redis.RedisKeys;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One rule of the key migration: the old keys it finds (a {@code SCAN} pattern under the fleet's
 * prefix) and the name {@code RedisKeys} builds for each today. {@link #ALL} is the whole mapping,
 * the one {@code docs/redis-keys.md} lists under "Migration from the older naming". Task records
 * are not renamed but moved into their queue's hash ({@link RecordMigration}).
 */
record KeyRename(
    String oldForm,
    String newForm,
    Function<RedisKeys, String> pattern,
    BiFunction<RedisKeys, String, String> rename) {

  static final List<KeyRename> ALL =
      List.of(
          prefixed("doc_state:", "doc:state:<documentId>", RedisKeys::documentState),
          prefixed(
              "textract:status:",
              "job:textract:status:<jobId>",
              (keys, jobId) -> keys.ocrJobs().status(jobId)),
          prefixed(
              "textract:result:",
              "job:textract:result:<documentId>",
              (keys, documentId) -> keys.ocrJobs().result(documentId)),
          prefixed("rate_limit:", "rate:<provider>:<operation>", KeyRename::rateLimit),
          prefixed(
              "task_assignments:",
              "task:assignments:<taskId>",
              (keys, id) -> keys.legacy().assignment(id)),
          prefixed("cache_metrics:", "cache:metrics:<type>", RedisKeys::cacheMetrics),
          new KeyRename(
              "{tasks:<type>}:processing:<workerId>",
              "{tasks:<type>}:inflight:<workerId>",
              keys -> "{" + glob(keys.prefix()) + "tasks:*}:processing:*",
              KeyRename::inFlightList));

  /** A rule for keys named {@code <oldPrefix><rest>}, renamed to what {@code rename} builds. */
  static KeyRename prefixed(
      String oldPrefix, String newForm, BiFunction<RedisKeys, String, String> rename) {
    return new KeyRename(
        oldPrefix + newForm.substring(newForm.indexOf('<')),
        newForm,
        keys -> glob(keys.prefix() + oldPrefix) + "*",
        (keys, oldKey) -> {
          String rest = oldKey.substring(keys.prefix().length() + oldPrefix.length());
          if (rest.isEmpty()) {
            throw new IllegalArgumentException("nothing after " + oldPrefix);
          }
          return rename.apply(keys, rest);
        });
  }

  /** The current name of an old key under {@code keys}' prefix; empty when it is not one. */
  Optional<String> newName(RedisKeys keys, String oldKey) {
    try {
      return Optional.ofNullable(rename.apply(keys, oldKey));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The {@code SCAN MATCH} pattern of this rule's old keys under {@code keys}' prefix. */
  String pattern(RedisKeys keys) {
    return pattern.apply(keys);
  }

  private static String rateLimit(RedisKeys keys, String rest) {
    int colon = rest.indexOf(':');
    if (colon <= 0 || colon == rest.length() - 1) {
      throw new IllegalArgumentException("not <provider>:<operation>: " + rest);
    }
    return keys.rateLimit(rest.substring(0, colon), rest.substring(colon + 1));
  }

  /** {@code {<prefix>tasks:<type>}:processing:<workerId>} becomes that worker's in-flight list. */
  private static String inFlightList(RedisKeys keys, String oldKey) {
    String start = "{" + keys.prefix() + "tasks:";
    int close = oldKey.indexOf("}:processing:");
    if (!oldKey.startsWith(start) || close <= start.length()) {
      throw new IllegalArgumentException("not an in-flight list: " + oldKey);
    }
    String type = oldKey.substring(start.length(), close);
    String workerId = oldKey.substring(close + "}:processing:".length());
    if (workerId.isEmpty() || !keys.legacy().inFlight(type, workerId).equals(oldKey)) {
      throw new IllegalArgumentException("not an in-flight list: " + oldKey);
    }
    return keys.inFlight(type, workerId);
  }

  private static String glob(String literal) {
    return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }
}
