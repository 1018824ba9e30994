package io.docfleet.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The console open in a headless Chromium tab, driven like an operator would: click what a selector
 * finds, answer the in-page dialogs, wait (polling, never a fixed sleep) for what the page shows,
 * take screenshots at a desktop and a phone width, and find table cells whose text is broken inside
 * a word.
 */
final class ConsolePage {
  static final int DESKTOP = 1280;
  static final int PHONE = 390;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The words (runs of letters and digits) of any table cell whose characters sit on more than one
   * line: for each text node, a Range per word and its client rectangles' tops.
   */
  static final String BROKEN_WORDS =
      "JSON.stringify([...document.querySelectorAll('td')].flatMap((td) => {"
          + " const found = []; const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);"
          + " for (let node = walker.nextNode(); node; node = walker.nextNode()) {"
          + "  const words = /[\\p{L}\\p{N}]{2,}/gu; let m;"
          + "  while ((m = words.exec(node.textContent))) {"
          + "   const range = document.createRange();"
          + "   range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);"
          + "   const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0)"
          + "     .map((r) => Math.round(r.top)));"
          + "   if (tops.size > 1) found.push(m[0] + ' (' + (td.dataset.col || td.cellIndex) + ')');"
          + "  } }"
          + " return found; }))";

  private final DevTools tab;
  private final Path artifacts;

  ConsolePage(DevTools tab, Path artifacts) {
    this.tab = tab;
    this.artifacts = artifacts;
  }

  DevTools tab() {
    return tab;
  }

  void width(int width) throws Exception {
    tab.call(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 600));
    settle();
  }

  /** Waits for two animation frames, so a layout change is painted. */
  void settle() throws Exception {
    tab.call(
        "Runtime.evaluate",
        Map.of(
            "expression",
            "new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))",
            "awaitPromise",
            true));
  }

  void open(String url) throws Exception {
    tab.call("Page.navigate", Map.of("url", url));
  }

  /** Waits until the page shows {@code name} (a page's name) rendered for the address shown. */
  void awaitPage(String name) throws Exception {
    try {
      tab.waitFor(
          "String(document.body.dataset.page === '"
              + name
              + "' && document.body.dataset.ready === location.hash)",
          "true"::equals);
    } catch (AssertionError e) {
      throw new AssertionError(
          "page "
              + name
              + " not shown; at "
              + tab.evaluate(
                  "location.href + ' page=' + document.body.dataset.page + ' ready=' + document.body.dataset.ready")
              + "; exceptions "
              + tab.events("Runtime.exceptionThrown")
              + "; console "
              + tab.events("Runtime.consoleAPICalled"),
          e);
    }
  }

  /** Clicks the first element {@code selector} finds, once there is one. */
  void click(String selector) throws Exception {
    String q = JSON.writeValueAsString(selector);
    tab.waitFor("String(Boolean(document.querySelector(" + q + ")))", "true"::equals);
    tab.evaluate(
        "(() => { const e = document.querySelector("
            + q
            + "); e.scrollIntoView(); e.click(); return 1; })()");
  }

  /** Clicks the dialog's confirming button. */
  void confirm() throws Exception {
    click("[data-modal=confirm] [data-action=confirm]");
    tab.waitFor("String(!document.querySelector('[data-modal]'))", "true"::equals);
  }

  String text(String selector) throws Exception {
    return tab.evaluate(
        "(document.querySelector("
            + JSON.writeValueAsString(selector)
            + ") || {textContent: ''}).textContent");
  }

  String waitForText(String selector, Predicate<String> check) throws Exception {
    return tab.waitFor(
        "(document.querySelector("
            + JSON.writeValueAsString(selector)
            + ") || {textContent: ''}).textContent",
        check);
  }

  /** The answer banner once it shows, with its kind: "ok: ..." or "bad: ...". */
  String answer() throws Exception {
    String shown =
        tab.waitFor(
            "(() => { const a = document.querySelector('[data-field=answer]');"
                + " return a.hidden ? '' : (a.classList.contains('ok') ? 'ok: ' : 'bad: ')"
                + " + a.querySelector('[data-field=answer-text]').textContent; })()",
            v -> !v.isEmpty());
    tab.evaluate("document.querySelector('[data-field=answer]').hidden = true");
    return shown;
  }

  /** Words broken across lines inside table cells, as "word (column)". */
  List<String> brokenWords() throws Exception {
    JsonNode found = JSON.readTree(tab.evaluate(BROKEN_WORDS));
    return JSON.convertValue(
        found, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  /**
   * Screenshots of the page as it is at the desktop and the phone width ({@code <name>-1280.png},
   * {@code <name>-390.png}); at each width no table cell has a word broken inside.
   */
  void screenshots(String name) throws Exception {
    assertThat(tab.evaluate("String(document.querySelectorAll('[data-note=unavailable]').length)"))
        .as("routes this coordinator lacks on %s", name)
        .isEqualTo("0");
    for (int width : new int[] {DESKTOP, PHONE}) {
      width(width);
      shoot(name + "-" + width + ".png");
      assertThat(brokenWords()).as("words broken inside on %s at %d px", name, width).isEmpty();
    }
    width(DESKTOP);
  }

  void shoot(String file) throws Exception {
    Files.createDirectories(artifacts);
    JsonNode shot =
        tab.call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
    byte[] png = Base64.getDecoder().decode(shot.get("data").asText());
    Files.write(artifacts.resolve(file), png);
    assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }
}
