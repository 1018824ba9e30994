package io.docfleet.api.background;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.cache.CacheEntry;
import io.docfleet.cache.CachePointer;
import io.docfleet.cache.CacheType;
import io.docfleet.cache.ContentKey;
import io.docfleet.document.Chunk;
import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Entity;
import io.docfleet.document.Stage;
import io.docfleet.logging.LogSafe;
import io.docfleet.store.DocumentRecord;
import io.docfleet.store.StageEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the results of recently completed documents from PostgreSQL into the provider cache, so the
 * same content submitted again costs no provider call even after the cache's Redis lost its data.
 * Each entry is keyed exactly as the stage that made it keys it: the content's sha256 (the
 * document's bytes, a chunk's text, the document's text for the structured result) with the engine,
 * engine version and settings version the stage recorded in {@code stage_engines}. A document
 * without that record (processed before it existed) is skipped, never keyed by a guess. Entries
 * already cached are left alone; TTLs are the cache's own ({@code CACHE_TTL_<TYPE>}).
 *
 * <p>Runs once per election, on the background thread, when {@code REDIS_CACHE_WARMING_ENABLED}; an
 * operator warms chosen documents through {@code POST /api/v1/cache/warm} ({@link #warmDocuments}).
 */
public final class CacheWarmer {
  /** The pointer's chunk id of a structured result, as the structured stage writes it. */
  static final String WHOLE_DOCUMENT = "document";

  private static final Logger log = LoggerFactory.getLogger(CacheWarmer.class);

  private final BackgroundContext background;
  private final BackgroundSettings settings;
  private final ObjectMapper mapper;

  public CacheWarmer(BackgroundContext background, BackgroundSettings settings) {
    this.background = background;
    this.settings = settings;
    this.mapper = background.fleet().codec().mapper();
  }

  /** What one warming pass did. */
  record Warmed(int documents, int skippedUnkeyable, int entriesWritten) {}

  /** How warming one chosen document went. */
  public enum Result {
    /** Its results are in the cache now (entries already there were left alone). */
    WARMED,
    /** No such document. */
    UNKNOWN,
    /** It has not completed, so it has no results to warm. */
    NOT_COMPLETED,
    /** It completed before the engines of its stages were recorded: its keys cannot be rebuilt. */
    NO_ENGINES_RECORDED
  }

  /** One chosen document's warming: its result and the entries written. */
  public record DocumentWarmed(String documentId, Result result, int entriesWritten) {}

  /** Warms the chosen documents whatever their age (the warming settings are for the pass). */
  public List<DocumentWarmed> warmDocuments(List<String> documentIds) {
    List<DocumentWarmed> outcomes = new ArrayList<>(documentIds.size());
    for (String id : documentIds) {
      outcomes.add(
          background
              .store()
              .documents()
              .find(id)
              .map(this::warmOne)
              .orElse(new DocumentWarmed(id, Result.UNKNOWN, 0)));
    }
    Map<Result, Long> results =
        outcomes.stream()
            .collect(
                Collectors.groupingBy(
                    DocumentWarmed::result,
                    () -> new EnumMap<>(Result.class),
                    Collectors.counting()));
    log.info(
        "warmed the cache from {} of {} chosen documents: {} entries written; {} unknown, {} not"
            + " completed, {} without recorded engines",
        results.getOrDefault(Result.WARMED, 0L),
        outcomes.size(),
        outcomes.stream().mapToInt(DocumentWarmed::entriesWritten).sum(),
        results.getOrDefault(Result.UNKNOWN, 0L),
        results.getOrDefault(Result.NOT_COMPLETED, 0L),
        results.getOrDefault(Result.NO_ENGINES_RECORDED, 0L));
    return outcomes;
  }

  private DocumentWarmed warmOne(DocumentRecord document) {
    if (document.status() != DocumentStatus.COMPLETED) {
      return new DocumentWarmed(document.id(), Result.NOT_COMPLETED, 0);
    }
    Map<Stage, StageEngine> engines = background.store().stageEngines().engines(document.id());
    if (engines.size() < Stage.values().length) {
      return new DocumentWarmed(document.id(), Result.NO_ENGINES_RECORDED, 0);
    }
    return new DocumentWarmed(document.id(), Result.WARMED, store(entries(document, engines)));
  }

  Warmed warm() {
    if (!settings.warmingEnabled()) {
      return new Warmed(0, 0, 0);
    }
    var since =
        background.fleet().clock().instant().minus(Duration.ofHours(settings.warmingHours()));
    List<DocumentRecord> documents =
        background.store().documentQueries().completedSince(since, settings.warmingLimit());
    int skipped = 0;
    int written = 0;
    for (DocumentRecord document : documents) {
      try {
        Map<Stage, StageEngine> engines = background.store().stageEngines().engines(document.id());
        if (engines.size() < Stage.values().length) {
          skipped++;
          continue;
        }
        written += store(entries(document, engines));
      } catch (RuntimeException e) {
        log.warn(
            "could not warm document {}, going on: {}",
            LogSafe.text(document.id()),
            LogSafe.text(e));
      }
    }
    log.info(
        "warmed the cache from {} documents completed in the last {} h: {} entries written, {}"
            + " documents without recorded engines skipped",
        documents.size(),
        settings.warmingHours(),
        written,
        skipped);
    return new Warmed(documents.size(), skipped, written);
  }

  private int store(List<CacheEntry> entries) {
    Set<ContentKey> present =
        background.cache().existing(entries.stream().map(CacheEntry::key).toList());
    List<CacheEntry> missing =
        entries.stream().filter(entry -> !present.contains(entry.key())).toList();
    if (missing.isEmpty() || !background.cache().putAll(missing)) {
      return 0;
    }
    return missing.size();
  }

  private List<CacheEntry> entries(DocumentRecord document, Map<Stage, StageEngine> engines) {
    String id = document.id();
    List<CacheEntry> entries = new ArrayList<>();
    StageEngine ocr = engines.get(Stage.OCR);
    entries.add(
        new CacheEntry(
            key(CacheType.OCR, document.file().sha256(), ocr),
            CachePointer.document(id),
            json(background.store().pages().pages(id))));
    StageEngine extractor = engines.get(Stage.ENTITIES);
    List<Entity> entities =
        background.store().entities().entities(id).stream()
            .filter(e -> e.extractor().equals(extractor.engine()))
            .toList();
    for (Chunk chunk : background.store().chunks().chunks(id)) {
      entries.add(
          new CacheEntry(
              key(CacheType.ENTITIES, chunk.sha256(), extractor),
              CachePointer.chunk(id, chunk.id()),
              json(relativeTo(chunk, entities))));
    }
    StageEngine structured = engines.get(Stage.STRUCTURED);
    background
        .store()
        .structuredResults()
        .latest(id, structured.engine())
        .ifPresent(
            result ->
                entries.add(
                    new CacheEntry(
                        key(CacheType.STRUCTURED, result.contentSha256(), structured),
                        CachePointer.chunk(id, WHOLE_DOCUMENT),
                        json(result.result()))));
    return entries;
  }

  /** A chunk's entities with offsets relative to the chunk, as the entity stage caches them. */
  static List<Entity> relativeTo(Chunk chunk, List<Entity> entities) {
    List<Entity> inside = new ArrayList<>();
    for (Entity e : entities) {
      if (e.start() >= chunk.start() && e.end() <= chunk.end()) {
        inside.add(
            new Entity(
                e.type(),
                e.text(),
                e.start() - chunk.start(),
                e.end() - chunk.start(),
                e.extractor()));
      }
    }
    return inside;
  }

  private static ContentKey key(CacheType type, String sha256, StageEngine engine) {
    return new ContentKey(
        type, sha256, engine.engine(), engine.engineVersion(), engine.settingsVersion());
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored results always serialize", e);
    }
  }
}
