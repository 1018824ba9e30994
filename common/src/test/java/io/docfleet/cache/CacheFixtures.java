package io.docfleet.cache;

import io.docfleet.config.Env;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;

/** Builders that make cache tests read like sentences: {@code ocrKeyOf("scan.pdf bytes")}. */
final class CacheFixtures {
  private CacheFixtures() {}

  /** The key of Textract's OCR of a document whose bytes are {@code content}. */
  static ContentKey ocrKeyOf(String content) {
    return ContentKey.of(
        CacheType.OCR, content.getBytes(StandardCharsets.UTF_8), "textract", "2018-06-27", "v1");
  }

  /** The key of OpenAI's entity extraction of a chunk's text. */
  static ContentKey entitiesKeyOf(String text) {
    return new ContentKey(
        CacheType.ENTITIES, ContentKey.sha256(text), "openai", "gpt-4o-mini", "prompt-v1");
  }

  /** The key of OpenAI's structured extraction of a chunk's text. */
  static ContentKey structuredKeyOf(String text) {
    return new ContentKey(
        CacheType.STRUCTURED, ContentKey.sha256(text), "openai", "gpt-4o", "schema-v1");
  }

  /**
   * Settings from cache variables given as name, value, name, value... {@code CACHE_TIMEOUT} is 5 s
   * unless given: the test machine is shared and often loaded, and a slow answer past the 250 ms
   * default is a miss by design, which only the degradation tests mean to test.
   */
  static CacheSettings settings(String... variables) {
    Map<String, String> env = new HashMap<>();
    env.put("CACHE_TIMEOUT", "5s");
    for (int i = 0; i < variables.length; i += 2) {
      env.put(variables[i], variables[i + 1]);
    }
    return CacheSettings.fromEnv(new Env(env));
  }

  /** Every key under a prefix, found with SCAN (tagged names included). */
  static Set<String> keysUnder(RedissonClient redis, String prefix) {
    Set<String> keys = new HashSet<>();
    for (String pattern : new String[] {prefix + "*", "{" + prefix + "*"}) {
      redis.getKeys().getKeys(KeysScanOptions.defaults().pattern(pattern)).forEach(keys::add);
    }
    return keys;
  }

  /** A provider call that counts how often it ran and answers {@code <name>-result}. */
  static final class ProviderCall implements Callable<String> {
    private final String answer;
    private final AtomicInteger calls = new AtomicInteger();

    ProviderCall(String name) {
      this.answer = "{\"result\":\"" + name + "\"}";
    }

    @Override
    public String call() throws Exception {
      calls.incrementAndGet();
      return answer;
    }

    String answer() {
      return answer;
    }

    int calls() {
      return calls.get();
    }
  }
}
