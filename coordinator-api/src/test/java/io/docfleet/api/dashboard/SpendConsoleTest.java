package io.docfleet.api.dashboard;

import static io.docfleet.testing.TestProviderCalls.aTextractCall;
import static io.docfleet.testing.TestProviderCalls.anOpenAiCall;
import static io.docfleet.testing.TestProviderCalls.cached;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.api.TestCoordinator;
import io.docfleet.api.spend.BudgetRoutes;
import io.docfleet.spend.JdbcProviderCallLedger;
import io.docfleet.testing.SlowTest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RBucket;
import org.redisson.client.codec.StringCodec;

/**
 * The console's spend in headless Chromium, over a ledger the test writes today: the overview's
 * Spend panel (spent and saved today and this month, by provider, the last 30 days as bars), the
 * Spend page grouped as asked, a wrong range refused with the API's reason, and an empty ledger
 * saying that local engines cost nothing; a failed read of the budgets leaves the spend figures
 * drawn. Screenshots go to {@code coordinator-api/target/console-screenshots/}. Skipped, saying so,
 * without Chromium.
 */
@SlowTest
class SpendConsoleTest {
  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(Map.of("COORDINATOR_DASHBOARD_INTERVAL", "1s"));

  private static Chromium browser;
  private static DevTools tab;
  private static ConsolePage page;

  @BeforeAll
  static void startTheBrowser() throws Exception {
    Optional<Path> chromium = Chromium.find();
    assumeTrue(
        chromium.isPresent(),
        "chromium is not installed (apt-get install -y chromium): the console tests are skipped");
    browser = Chromium.start(chromium.get(), ConsoleTest.SCREENSHOTS);
    tab = browser.page();
    tab.call("Runtime.enable", Map.of());
    tab.call("Page.enable", Map.of());
    page = new ConsolePage(tab, ConsoleTest.SCREENSHOTS);
    page.width(ConsolePage.DESKTOP);
  }

  @AfterAll
  static void stop() throws Exception {
    if (tab != null) {
      tab.close();
    }
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void anEmptyLedgerNow() {
    api.clock().set(Instant.now());
    api.db().update("DELETE FROM provider_calls");
  }

  /** Calls at the start of this UTC day: today, and this month, whatever the time. */
  private static void callsToday() {
    String today =
        LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    new JdbcProviderCallLedger(api.db().dataSource())
        .record(
            List.of(
                aTextractCall(today, "doc-1", 4),
                cached(aTextractCall(today, "doc-1", 4)),
                anOpenAiCall(today, "doc-2", 1000, 100, "0.1"),
                anOpenAiCall(today, "doc-3", 1000, 100, "0.2")));
  }

  private static void open(String hash, String name) throws Exception {
    page.open("about:blank");
    page.open("http://127.0.0.1:" + api.server().port() + "/#token=" + TestCoordinator.TOKEN);
    page.awaitPage("overview");
    if (!hash.equals("#/")) {
      tab.evaluate("location.hash = '" + hash + "'; 1");
      page.awaitPage(name);
    }
  }

  @Test
  void theOverviewsSpendPanelShowsTodayThisMonthAndEachProvider() throws Exception {
    callsToday();
    open("#/", "overview");

    String spend = "[data-panel=spend] ";
    page.waitForText(spend + "[data-fact=spent-today] [data-col=value]", "$0.306"::equals);
    assertThat(page.text(spend + "[data-fact=saved-today] [data-col=value]")).isEqualTo("$0.006");
    assertThat(page.text(spend + "[data-fact=spent-month] [data-col=value]")).isEqualTo("$0.306");
    assertThat(page.text(spend + "[data-fact=saved-month] [data-col=value]")).isEqualTo("$0.006");
    assertThat(page.text(spend + "tr[data-provider=openai] [data-col=spent]")).isEqualTo("$0.30");
    assertThat(page.text(spend + "tr[data-provider=textract] [data-col=cachedCalls]"))
        .isEqualTo("1");
    assertThat(
            tab.evaluate(
                "String(document.querySelectorAll('[data-chart=spend-days] rect.bar').length)"))
        .isEqualTo("30");
    assertThat(
            tab.evaluate(
                "document.querySelector('[data-chart=spend-days] rect.bar:last-of-type title').textContent"))
        .isEqualTo("$0.306 spent");
    page.screenshots("overview-spend");

    page.click("[data-link=spend]");
    page.awaitPage("spend");
    page.waitForText("[data-fact=spent] [data-col=value]", "$0.306"::equals);
    assertThat(
            tab.evaluate("String(document.querySelectorAll('tbody[data-table=spend] tr').length)"))
        .as("today's openai and textract rows")
        .isEqualTo("2");
    assertThat(tab.evaluate("document.querySelector('nav a.current').dataset.nav"))
        .isEqualTo("spend");
    assertThat(tab.events("Runtime.exceptionThrown")).isEmpty();
  }

  @Test
  void theSpendPageGroupsAsAskedAndShowsTheApisRefusal() throws Exception {
    callsToday();
    open("#/spend?by=document", "spend");

    page.waitForText("tbody[data-table=spend]", t -> !t.isEmpty());
    assertThat(
            tab.evaluate(
                "[...document.querySelectorAll('tbody[data-table=spend] td[data-col=document]')].map(td => td.textContent).join(',')"))
        .as("the costliest first")
        .isEqualTo("doc-3,doc-2,doc-1");
    assertThat(
            tab.evaluate(
                "String(document.querySelector('[data-form=spend] input[value=document]').checked)"))
        .isEqualTo("true");
    page.screenshots("spend");

    tab.evaluate("location.hash = '#/spend?from=2026-12-08&to=2026-12-01'; 1");
    page.awaitPage("spend");
    assertThat(page.waitForText("[data-note=error]", t -> !t.isEmpty())).contains("'to'");
    assertThat(tab.events("Runtime.exceptionThrown")).isEmpty();
  }

  @Test
  void aFailedBudgetsReadIsOneNoteAndTheSpendFiguresStillDraw() throws Exception {
    callsToday();
    RBucket<String> budgets =
        api.fleet().redis().getBucket(api.fleet().keys().spend().budgets(), StringCodec.INSTANCE);
    budgets.set("not a hash"); // every read of the fleet's budgets now fails (WRONGTYPE)
    try {
      assertThat(api.get(BudgetRoutes.PATH).status()).isEqualTo(500);
      open("#/", "overview");

      String spend = "[data-panel=spend] ";
      page.waitForText(spend + "[data-fact=spent-today] [data-col=value]", "$0.306"::equals);
      assertThat(page.text(spend + "[data-note=error]")).isNotEmpty();
      assertThat(page.text(spend + "tr[data-provider=openai] [data-col=spent]")).isEqualTo("$0.30");
      assertThat(
              tab.evaluate(
                  "String(document.querySelectorAll('[data-chart=spend-days] rect.bar').length)"))
          .isEqualTo("30");
    } finally {
      budgets.delete();
    }
  }

  @Test
  void anEmptyLedgerSaysLocalEnginesCostNothing() throws Exception {
    open("#/", "overview");

    page.waitForText("[data-panel=spend] [data-note=no-spend]", t -> t.contains("Local engines"));
    assertThat(page.text("[data-panel=spend] [data-fact=spent-month] [data-col=value]"))
        .isEqualTo("$0.00");
    assertThat(tab.evaluate("String(document.querySelectorAll('[data-table=budgets]').length)"))
        .as("no budget set: nothing drawn for budgets")
        .isEqualTo("0");
  }
}
