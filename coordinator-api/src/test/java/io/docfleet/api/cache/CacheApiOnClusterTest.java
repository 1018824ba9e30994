package io.docfleet.api.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.cache.CacheEntry;
import io.docfleet.cache.CachePointer;
import io.docfleet.cache.CacheType;
import io.docfleet.cache.ContentKey;
import io.docfleet.testing.LocalRedisCluster;
import io.docfleet.testing.SlowTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The coordinator's cache routes with {@code REDIS_MODE=cluster} on a three-primary Redis Cluster:
 * {@code POST /api/v1/cache/invalidate} by pattern removes the matching keys of every primary, by
 * document the keys its index lists wherever they live.
 */
@SlowTest
class CacheApiOnClusterTest {
  private static final int ENTRIES = 60;

  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(
          LocalRedisCluster.available() ? LocalRedisCluster.shared().env() : Map.of());

  @BeforeAll
  static void needsACluster() {
    assumeTrue(LocalRedisCluster.available(), "redis-server and redis-cli are not installed");
  }

  @Test
  void invalidationByPatternAndByDocumentReachesEveryPrimary() {
    LocalRedisCluster cluster = LocalRedisCluster.shared();
    String prefix = api.fleet().keys().prefix();
    assertThat(api.fleet().redis().getConfig().isClusterConfig()).isTrue();
    List<CacheEntry> entries = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      entries.add(new CacheEntry(ocrKeyOf("scan " + i), CachePointer.document("d" + i), "{}"));
    }
    entries.add(new CacheEntry(ocrKeyOf("kept"), CachePointer.document("kept"), "{}"));
    assertThat(api.context().cache().putAll(entries)).isTrue();
    assertThat(cluster.keysByPrimary(prefix + "cache:ocr:*"))
        .hasSize(3)
        .allSatisfy((port, keys) -> assertThat(keys).as("on " + port).isNotEmpty());

    JsonNode byPattern =
        api.post("/api/v1/cache/invalidate", "{\"pattern\":\"cache:ocr:*\"}").json();
    JsonNode pointers = api.post("/api/v1/cache/invalidate", "{\"pattern\":\"doc:ocr:d*\"}").json();

    assertThat(byPattern.get("keysRemoved").asLong()).isEqualTo(ENTRIES + 1);
    assertThat(pointers.get("keysRemoved").asLong()).isEqualTo(ENTRIES);
    for (String pattern : List.of("cache:ocr:*", "doc:ocr:d*")) {
      assertThat(cluster.keysByPrimary(prefix + pattern))
          .allSatisfy((port, keys) -> assertThat(keys).as(pattern + " on " + port).isEmpty());
    }
    // the document's index survived the pointer pattern: it still names its two keys
    JsonNode byDocument = api.post("/api/v1/cache/invalidate", "{\"documentId\":\"kept\"}").json();
    assertThat(byDocument.get("keysRemoved").asLong()).isEqualTo(2); // its pointer and index
    assertThat(api.get("/api/v1/health").status()).isEqualTo(200);
  }

  private static ContentKey ocrKeyOf(String content) {
    return ContentKey.of(
        CacheType.OCR, content.getBytes(StandardCharsets.UTF_8), "pdfbox", "3.0.8", "v1");
  }
}
