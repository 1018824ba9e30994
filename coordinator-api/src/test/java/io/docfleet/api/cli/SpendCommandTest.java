package io.docfleet.api.cli;

import static io.docfleet.testing.TestProviderCalls.aTextractCall;
import static io.docfleet.testing.TestProviderCalls.anOpenAiCall;
import static io.docfleet.testing.TestProviderCalls.cached;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.cli.CliHarness.Result;
import io.docfleet.spend.JdbcProviderCallLedger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code docfleet spend} against a real coordinator whose spend ledger the test writes. */
class SpendCommandTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());
  private static final ObjectMapper JSON = new ObjectMapper();

  private CliHarness cli;

  @BeforeEach
  void aLedgerOfEarlyDecember() {
    api.reset();
    api.clock().set(Instant.parse("2026-12-07T15:00:00Z"));
    api.db().update("DELETE FROM provider_calls");
    new JdbcProviderCallLedger(api.db().dataSource())
        .record(
            List.of(
                aTextractCall("2026-12-01T10:00:00Z", "doc-1", 4),
                cached(aTextractCall("2026-12-02T10:00:00Z", "doc-1", 4)),
                anOpenAiCall("2026-12-02T11:00:00Z", "doc-2", 1000, 100, "0.1"),
                anOpenAiCall("2026-12-02T12:00:00Z", "doc-3", 1000, 100, "0.2")));
    cli = new CliHarness(api);
  }

  @Test
  void spendShowsTheTotalsThenARowPerProvider() {
    Result result = cli.run("spend");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out())
        .startsWith(
            "2026-12-01 to 2027-01-01 (UTC, the last day excluded): spent $0.306 on 3 calls,"
                + " saved $0.006 on 1 cache hits");
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(1)).matches("PROVIDER\\s+SPENT\\s+SAVED\\s+CALLS\\s+CACHED\\s+UNITS");
    assertThat(lines.get(2))
        .matches(
            "openai\\s+\\$0\\.30\\s+\\$0\\.00\\s+2\\s+0\\s+cached_input_tokens=0 input_tokens=2000"
                + " output_tokens=200");
    assertThat(lines.get(3)).matches("textract\\s+\\$0\\.006\\s+\\$0\\.006\\s+1\\s+1\\s+pages=4");
  }

  @Test
  void spendByDayOverARangeAndAsJson() throws Exception {
    Result table =
        cli.run("spend", "--from", "2026-12-02", "--to", "2026-12-03", "--by", "day,provider");
    Result json =
        cli.run("spend", "--from", "2026-12-02", "--to", "2026-12-03", "--by", "day", "--json");

    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out().lines().toList().get(1)).matches("DAY\\s+PROVIDER\\s+SPENT.*");
    assertThat(table.out()).doesNotContain("2026-12-01");
    assertThat(table.out().lines().filter(l -> l.matches("2026-12-02\\s+(openai|textract)\\s.*")))
        .hasSize(2);
    var answer = JSON.readTree(json.out());
    assertThat(answer.get("spentUsd").asText()).isEqualTo("0.30");
    assertThat(answer.get("rows").get(0).get("day").asText()).isEqualTo("2026-12-02");
  }

  @Test
  void spendWithoutGroupingPrintsTheTotalsAlone() {
    Result result = cli.run("spend", "--by", "");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out().lines()).hasSize(1);
  }

  @Test
  void aCutListSaysSo() {
    Result result = cli.run("spend", "--by", "document", "--limit", "1");

    assertThat(result.out()).contains("(the 1 costliest of 3 rows; the totals cover them all)");
  }

  @Test
  void aWrongOptionIsTheApisRefusalNamingIt() {
    Result day = cli.run("spend", "--from", "2026-12-40");
    Result by = cli.run("spend", "--by", "week");
    Result range = cli.run("spend", "--from", "2026-12-08", "--to", "2026-12-01");
    Result limit = cli.run("spend", "--limit", "nope");

    assertThat(day.exit()).isEqualTo(1);
    assertThat(day.err()).contains("YYYY-MM-DD").contains("[field: from]");
    assertThat(by.exit()).isEqualTo(1);
    assertThat(by.err()).contains("[field: by]").contains("day, provider, operation");
    assertThat(range.err()).contains("[field: to]");
    assertThat(limit.exit()).isEqualTo(2);
  }
}
