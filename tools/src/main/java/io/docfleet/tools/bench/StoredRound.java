package io.docfleet.tools.bench;

import io.docfleet.cache.CacheLookup;
import io.docfleet.config.Env;
import io.docfleet.document.Chunk;
import io.docfleet.redis.FleetContext;
import io.docfleet.store.Database;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.worker.extraction.EntityExtractor;
import io.docfleet.worker.extraction.ExtractionSettings;
import io.docfleet.worker.extraction.Extractors;
import io.docfleet.worker.pipeline.DocumentBatch;
import io.docfleet.worker.pipeline.DocumentBatch.Submitted;
import io.docfleet.worker.pipeline.PipelineCacheKeys;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a pipeline benchmark round left in PostgreSQL, as the report and the cache timing need. */
final class StoredRound {
  private StoredRound() {}

  /** How many pages and chunks the batch's documents have in PostgreSQL. */
  static long[] pagesAndChunks(Database database, DocumentBatch batch) throws SQLException {
    String[] ids =
        batch.documents().stream().map(DocumentBatch.Submitted::documentId).toArray(String[]::new);
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT (SELECT count(*) FROM document_pages WHERE document_id = ANY(?)),"
                    + " (SELECT count(*) FROM chunks WHERE document_id = ANY(?))")) {
      Array array = connection.createArrayOf("text", ids);
      query.setArray(1, array);
      query.setArray(2, array);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return new long[] {row.getLong(1), row.getLong(2)};
      }
    }
  }

  /** The entity entries the round wrote: one lookup per distinct chunk, with its pointer. */
  static List<CacheLookup> entityEntries(
      Database database, FleetContext fleet, DocumentBatch round, Env env) throws Exception {
    JdbcDocumentStore store = new JdbcDocumentStore(database.dataSource(), fleet.clock());
    EntityExtractor extractor = Extractors.entityExtractor(ExtractionSettings.fromEnv(env));
    Map<String, CacheLookup> byContent = new LinkedHashMap<>();
    try {
      for (Submitted document : round.documents()) {
        String documentId = document.documentId();
        for (Chunk chunk : store.chunks().chunks(documentId)) {
          byContent.putIfAbsent(
              chunk.sha256(), PipelineCacheKeys.entities(documentId, chunk, extractor));
        }
      }
    } finally {
      if (extractor instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
    return List.copyOf(byContent.values());
  }
}
