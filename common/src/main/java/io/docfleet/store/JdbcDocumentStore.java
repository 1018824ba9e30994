package io.docfleet.store;

import java.time.Clock;
import javax.sql.DataSource;

/**
 * The {@link DocumentStore} on PostgreSQL, plain JDBC, one class per table. Every write is an
 * idempotent upsert keyed by document and stage (and content hash where there is one): a stage that
 * runs again writes no row twice. Timestamps come from the injected clock.
 */
public final class JdbcDocumentStore implements DocumentStore {
  private final JdbcDocuments documents;
  private final JdbcDocumentQueries documentQueries;
  private final JdbcPages pages;
  private final JdbcChunks chunks;
  private final JdbcEntities entities;
  private final JdbcStructuredResults structuredResults;
  private final JdbcTextractJobs textractJobs;
  private final JdbcStageEngines stageEngines;
  private final JdbcStageCompletions stageCompletions;
  private final JdbcProviderCalls providerCalls;

  public JdbcDocumentStore(DataSource dataSource, Clock clock) {
    this.documents = new JdbcDocuments(dataSource, clock);
    this.documentQueries = new JdbcDocumentQueries(dataSource);
    this.pages = new JdbcPages(dataSource);
    this.chunks = new JdbcChunks(dataSource);
    this.entities = new JdbcEntities(dataSource);
    this.structuredResults = new JdbcStructuredResults(dataSource, clock);
    this.textractJobs = new JdbcTextractJobs(dataSource, clock);
    this.stageEngines = new JdbcStageEngines(dataSource, clock);
    this.stageCompletions = new JdbcStageCompletions(dataSource, clock);
    this.providerCalls = new JdbcProviderCalls(dataSource);
  }

  @Override
  public Documents documents() {
    return documents;
  }

  @Override
  public DocumentQueries documentQueries() {
    return documentQueries;
  }

  @Override
  public PageStore pages() {
    return pages;
  }

  @Override
  public ChunkStore chunks() {
    return chunks;
  }

  @Override
  public EntityStore entities() {
    return entities;
  }

  @Override
  public StructuredResultStore structuredResults() {
    return structuredResults;
  }

  @Override
  public TextractJobStore textractJobs() {
    return textractJobs;
  }

  @Override
  public StageEngineStore stageEngines() {
    return stageEngines;
  }

  @Override
  public ProviderCallStore providerCalls() {
    return providerCalls;
  }

  @Override
  public StageCompletions stageCompletions() {
    return stageCompletions;
  }
}
