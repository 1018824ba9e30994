package io.docfleet.api.spend;

import static io.docfleet.testing.TestProviderCalls.aTextractCall;
import static io.docfleet.testing.TestProviderCalls.anOpenAiCall;
import static io.docfleet.testing.TestProviderCalls.cached;
import static io.docfleet.testing.TestProviderCalls.inGroup;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.spend.JdbcProviderCallLedger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /api/v1/spend} over a ledger the test writes: the totals and rows as exact decimal
 * strings, this UTC month by default, and a 400 naming the parameter for every wrong one.
 */
class SpendApiTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  @BeforeEach
  void aLedgerOfEarlyDecember() {
    api.clock().set(Instant.parse("2026-12-07T15:00:00Z"));
    api.db().update("DELETE FROM provider_calls");
    new JdbcProviderCallLedger(api.db().dataSource())
        .record(
            List.of(
                inGroup(aTextractCall("2026-11-30T23:00:00Z", "doc-nov", 100), "acme"),
                inGroup(aTextractCall("2026-12-01T10:00:00Z", "doc-1", 4), "acme"),
                cached(inGroup(aTextractCall("2026-12-02T10:00:00Z", "doc-1", 4), "acme")),
                anOpenAiCall("2026-12-02T11:00:00Z", "doc-2", 1000, 100, "0.00021"),
                anOpenAiCall("2026-12-02T12:00:00Z", "doc-3", 1000, 100, "0.1"),
                anOpenAiCall("2026-12-02T13:00:00Z", "doc-4", 1000, 100, "0.2")));
  }

  private static JsonNode spend(String query) {
    TestCoordinator.Answer answer = api.get("/api/v1/spend" + query);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json();
  }

  @Test
  void withoutParametersItAddsUpThisUtcMonth() {
    JsonNode answer = spend("");

    assertThat(answer.get("from").asText()).isEqualTo("2026-12-01");
    assertThat(answer.get("to").asText()).isEqualTo("2027-01-01");
    assertThat(answer.get("by")).isEmpty();
    // 4 pages at $0.0015 + 0.00021 + 0.1 + 0.2, added as decimals: no 0.30000000000000004
    assertThat(answer.get("spentUsd").asText()).isEqualTo("0.30621");
    assertThat(answer.get("savedUsd").asText()).isEqualTo("0.006");
    assertThat(answer.get("calls").asLong()).isEqualTo(4);
    assertThat(answer.get("cachedCalls").asLong()).isEqualTo(1);
    assertThat(answer.get("units").get("pages").asLong()).isEqualTo(4);
    assertThat(answer.get("units").get("input_tokens").asLong()).isEqualTo(3000);
    assertThat(answer.get("cachedUnits").get("pages").asLong()).isEqualTo(4);
    assertThat(answer.get("rows")).hasSize(1);
    assertThat(answer.get("truncated").asBoolean()).isFalse();
  }

  @Test
  void groupsByDayProviderAndGroupOldestDayFirst() {
    JsonNode answer = spend("?from=2026-11-30&to=2026-12-08&by=day,provider,group");

    assertThat(answer.get("by").toString()).isEqualTo("[\"day\",\"provider\",\"group\"]");
    JsonNode rows = answer.get("rows");
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).get("day").asText()).isEqualTo("2026-11-30");
    assertThat(rows.get(0).get("spentUsd").asText()).isEqualTo("0.15");
    JsonNode openai = rows.get(2);
    assertThat(openai.get("day").asText()).isEqualTo("2026-12-02");
    assertThat(openai.get("provider").asText()).isEqualTo("openai");
    assertThat(openai.get("group").isNull()).isTrue();
    assertThat(openai.get("spentUsd").asText()).isEqualTo("0.30021");
    assertThat(openai.get("calls").asLong()).isEqualTo(3);
    assertThat(openai.get("units").get("output_tokens").asLong()).isEqualTo(300);
    JsonNode savedTextract = rows.get(3);
    assertThat(savedTextract.get("group").asText()).isEqualTo("acme");
    assertThat(savedTextract.get("spentUsd").asText()).isEqualTo("0.00");
    assertThat(savedTextract.get("savedUsd").asText()).isEqualTo("0.006");
    assertThat(answer.get("spentUsd").asText()).isEqualTo("0.45621");
  }

  @Test
  void aLimitKeepsTheCostliestRowsAndSaysTheRestWereCut() {
    JsonNode answer = spend("?by=document&limit=2");

    assertThat(answer.get("rows"))
        .extracting(r -> r.get("document").asText())
        .containsExactly("doc-4", "doc-3");
    assertThat(answer.get("truncated").asBoolean()).isTrue();
    assertThat(answer.get("groups").asLong()).isEqualTo(4);
    assertThat(answer.get("spentUsd").asText()).isEqualTo("0.30621");
  }

  @Test
  void everyDimensionMayBeAsked() {
    JsonNode answer = spend("?by=" + enc(" model , operation,document,group,provider,day"));

    assertThat(answer.get("rows")).hasSize(5);
    JsonNode first = answer.get("rows").get(0);
    assertThat(first.get("day").asText()).isEqualTo("2026-12-01");
    assertThat(first.get("model").isNull()).isTrue();
    JsonNode costliest = answer.get("rows").get(1);
    assertThat(costliest.get("document").asText()).isEqualTo("doc-4");
    assertThat(costliest.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(costliest.get("operation").asText()).isEqualTo("chat.completions");
  }

  @ParameterizedTest(name = "{0} -> 400 naming {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "?from=2026-13-01|from",
        "?from=yesterday|from",
        "?from=2026-12-01T00:00:00Z|from",
        "?to=2026-12-32|to",
        "?to=12/08/2026|to",
        "?from=2026-12-08&to=2026-12-08|to",
        "?from=2026-12-08&to=2026-12-01|to",
        "?from=2027-02-01|to",
        "?from=2025-01-01&to=2026-01-03|to",
        "?from=2025-12-01|to",
        "?by=week|by",
        "?by=day,day|by",
        "?by=day,|by",
        "?by=,|by",
        "?by=DAY|by",
        "?by=day%00|by",
        "?limit=0|limit",
        "?limit=1001|limit",
        "?limit=ten|limit",
      })
  void aWrongParameterIsRefusedNamingIt(String query, String field) {
    TestCoordinator.Answer answer = api.get("/api/v1/spend" + query);

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.json().get("field").asText()).isEqualTo(field);
    assertThat(answer.json().get("error").asText()).isNotBlank();
  }

  @Test
  void aRangeOfExactly366DaysIsAccepted() {
    assertThat(spend("?from=2026-01-01&to=2027-01-02").get("from").asText())
        .isEqualTo("2026-01-01");
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
