package io.docfleet.store;

import static io.docfleet.testing.TestDocuments.aDocument;
import static io.docfleet.testing.TestDocuments.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Structured results and Textract jobs: upserts by their keys, and a rerun writes nothing. */
class JdbcResultsAndJobsTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEXT_SHA = sha256("the text the extractor read");

  private final SettableClock clock = new SettableClock();
  private JdbcDocumentStore store;

  @BeforeEach
  void aRegisteredDocument() {
    db.clear();
    store = new JdbcDocumentStore(db.dataSource(), clock);
    store.documents().register(aDocument("d1"));
  }

  private static StructuredResult aResult(String json) throws Exception {
    return aResult(1, TEXT_SHA, json);
  }

  private static StructuredResult aResult(int schemaVersion, String contentSha, String json)
      throws Exception {
    return new StructuredResult(
        "d1", "openai:gpt-test", schemaVersion, contentSha, JSON.readTree(json));
  }

  @Test
  void savingAStructuredResultTwiceWritesItOnce() throws Exception {
    StructuredResult result = aResult("{\"parties\":[\"Acme\",\"Globex\"],\"amount\":1200.5}");

    assertThat(store.structuredResults().save(result)).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    assertThat(
            store
                .structuredResults()
                .save(aResult("{\"amount\": 1200.5, \"parties\": [\"Acme\", \"Globex\"]}")))
        .isZero();

    assertThat(db.count("structured_results")).isEqualTo(1);
    assertThat(store.structuredResults().latest("d1", "openai:gpt-test")).contains(result);
    assertThat(store.structuredResults().latest("d1", "rules")).isEmpty();
  }

  @Test
  void aDifferentAnswerForTheSameContentReplacesTheOldOne() throws Exception {
    store.structuredResults().save(aResult("{\"amount\":1}"));

    assertThat(store.structuredResults().save(aResult("{\"amount\":2}"))).isEqualTo(1);

    assertThat(db.count("structured_results")).isEqualTo(1);
    JsonNode latest =
        store.structuredResults().latest("d1", "openai:gpt-test").orElseThrow().result();
    assertThat(latest.get("amount").asInt()).isEqualTo(2);
  }

  @Test
  void newContentOrANewSchemaVersionAddsAResultAndTheLatestWins() throws Exception {
    store.structuredResults().save(aResult("{\"v\":1}"));
    clock.advance(Duration.ofMinutes(1));
    store.structuredResults().save(aResult(1, sha256("edited text"), "{\"v\":2}"));
    clock.advance(Duration.ofMinutes(1));
    StructuredResult v2 = aResult(2, sha256("edited text"), "{\"v\":3}");
    store.structuredResults().save(v2);

    assertThat(db.count("structured_results")).isEqualTo(3);
    assertThat(store.structuredResults().latest("d1", "openai:gpt-test")).contains(v2);
  }

  @Test
  void theLatestResultOfEachExtractorIsListedByExtractor() throws Exception {
    store.structuredResults().save(aResult("{\"v\":1}"));
    clock.advance(Duration.ofMinutes(1));
    StructuredResult newer = aResult(1, sha256("edited text"), "{\"v\":2}");
    store.structuredResults().save(newer);
    StructuredResult rules = new StructuredResult("d1", "rules", 1, TEXT_SHA, JSON.readTree("{}"));
    store.structuredResults().save(rules);

    assertThat(store.structuredResults().latestOfEach("d1")).containsExactly(newer, rules);
    assertThat(store.structuredResults().latestOfEach("nobody")).isEmpty();
  }

  @Test
  void aResultForAnUnregisteredDocumentIsRefused() {
    StructuredResult ghost =
        new StructuredResult("ghost", "rules", 1, TEXT_SHA, JSON.createObjectNode());

    assertThatThrownBy(() -> store.structuredResults().save(ghost))
        .isInstanceOf(UnknownDocumentException.class)
        .hasMessageContaining("document ghost");
    assertThatThrownBy(
            () -> new StructuredResult("d1", "rules", 0, TEXT_SHA, JSON.createObjectNode()))
        .hasMessageContaining("schema version");
  }

  @Test
  void savingATextractJobTwiceWritesItOnce() {
    Instant startedAt = clock.instant();
    TextractJob job =
        TextractJob.started("job-1", "d1", TEXT_SHA, "d1-" + TEXT_SHA.substring(0, 16));

    assertThat(store.textractJobs().save(job)).isEqualTo(1);
    clock.advance(Duration.ofSeconds(30));
    assertThat(store.textractJobs().save(job)).isZero();

    assertThat(db.count("textract_jobs")).isEqualTo(1);
    assertThat(store.textractJobs().find("job-1"))
        .contains(new TextractJobRecord(job, startedAt, startedAt));
  }

  @Test
  void aTextractJobsOutcomeUpdatesItsRow() {
    Instant startedAt = clock.instant();
    TextractJob job = TextractJob.started("job-1", "d1", TEXT_SHA, "token-1");
    store.textractJobs().save(job);
    clock.advance(Duration.ofMinutes(2));

    assertThat(store.textractJobs().save(job.succeeded(12))).isEqualTo(1);
    assertThat(store.textractJobs().save(job.succeeded(12))).isZero();

    TextractJobRecord stored = store.textractJobs().find("job-1").orElseThrow();
    assertThat(stored.job().status()).isEqualTo(TextractJobStatus.SUCCEEDED);
    assertThat(stored.job().pages()).isEqualTo(12);
    assertThat(stored.startedAt()).isEqualTo(startedAt);
    assertThat(stored.updatedAt()).isEqualTo(clock.instant());

    store.textractJobs().save(job.failed("throttled"));
    assertThat(store.textractJobs().find("job-1").orElseThrow().job().error())
        .contains("throttled");
  }

  @Test
  void recentTextractJobsComeNewestFirst() {
    Instant start = clock.instant();
    for (String id : new String[] {"j1", "j2", "j3"}) {
      store.textractJobs().save(TextractJob.started(id, "d1", TEXT_SHA, "token-" + id));
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(store.textractJobs().startedSince(start.plusSeconds(30), 10))
        .extracting(record -> record.job().jobId())
        .containsExactly("j3", "j2");
    assertThat(store.textractJobs().startedSince(start, 1))
        .extracting(record -> record.job().jobId())
        .containsExactly("j3");
    assertThat(store.textractJobs().find("j9")).isEmpty();
  }

  @Test
  void forgettingADocumentsJobsCountsThemForTheirContentOnceAndHidesThemFromTheRecentOnes() {
    store.documents().register(aDocument("d2"));
    String otherSha = sha256("other content");
    Instant start = clock.instant();
    store.textractJobs().save(TextractJob.started("j1", "d1", TEXT_SHA, TEXT_SHA));
    store.textractJobs().save(TextractJob.started("j2", "d2", TEXT_SHA, "token-j2"));
    store.textractJobs().save(TextractJob.started("j3", "d2", otherSha, otherSha));
    assertThat(store.textractJobs().forgottenJobsOf(TEXT_SHA)).isZero();

    assertThat(store.textractJobs().forget("d1", List.of())).isOne();
    assertThat(store.textractJobs().forget("d1", List.of())).as("marked once").isZero();
    assertThat(store.textractJobs().forgottenJobsOf(TEXT_SHA)).isOne();
    // a job shared with another document is forgotten by its id
    assertThat(store.textractJobs().forget("nobody", List.of("j2", "j1"))).isOne();

    assertThat(store.textractJobs().forgottenJobsOf(TEXT_SHA)).isEqualTo(2);
    assertThat(store.textractJobs().forgottenJobsOf(otherSha)).isZero();
    assertThat(store.textractJobs().startedSince(start, 10))
        .extracting(record -> record.job().jobId())
        .containsExactly("j3");
    assertThat(store.textractJobs().find("j1")).isPresent();
  }

  @Test
  void aTextractJobOfAnUnregisteredDocumentIsRefused() {
    TextractJob ghost = TextractJob.started("job-x", "ghost", TEXT_SHA, "token-x");

    assertThatThrownBy(() -> store.textractJobs().save(ghost))
        .isInstanceOf(UnknownDocumentException.class);
    assertThatThrownBy(
            () ->
                new TextractJob(
                    "j", "d1", TEXT_SHA, "t", TextractJobStatus.FAILED, -1, Optional.empty()))
        .hasMessageContaining("pages below 0");
    assertThat(TextractJobStatus.fromWire("partial_success"))
        .isEqualTo(TextractJobStatus.PARTIAL_SUCCESS);
  }
}
