package io.docfleet.api.documents;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.document.Entity;
import io.docfleet.document.PageText;
import io.docfleet.spend.ProviderCall;
import io.docfleet.store.DocumentRecord;
import io.docfleet.store.DocumentStore;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline made of a document ({@code GET /api/v1/documents/{id}/result}): its text page
 * by page and whole, its entities, the latest structured result of each extractor, and what its
 * provider calls cost ({@code spend}, from the ledger). {@code complete} is false until the
 * document's status is {@code completed}; what is there is shown.
 */
public record DocumentResult(
    String id,
    String status,
    boolean complete,
    String text,
    List<Page> pages,
    List<Entity> entities,
    List<Structured> structured,
    Spend spend) {

  /** One page's text and how it was read. */
  public record Page(int number, String method, String text) {}

  /** One extractor's structured result. */
  public record Structured(
      String extractor, int schemaVersion, String contentSha256, JsonNode result) {}

  /**
   * What the document's provider calls cost: {@code spent_usd} by the paid ones, {@code saved_usd}
   * by the ones cache hits avoided, and every row of the ledger.
   */
  public record Spend(
      @JsonProperty("spent_usd") BigDecimal spentUsd,
      @JsonProperty("saved_usd") BigDecimal savedUsd,
      List<Call> calls) {

    static Spend of(List<ProviderCall> rows) {
      BigDecimal spent = BigDecimal.ZERO;
      BigDecimal saved = BigDecimal.ZERO;
      for (ProviderCall row : rows) {
        if (row.cached()) {
          saved = saved.add(row.costUsd());
        } else {
          spent = spent.add(row.costUsd());
        }
      }
      return new Spend(spent, saved, rows.stream().map(Call::of).toList());
    }
  }

  /** One provider call of the ledger: paid, or ({@code cached}) avoided by a cache hit. */
  public record Call(
      String at,
      String stage,
      String provider,
      String operation,
      String model,
      boolean cached,
      Map<String, Long> units,
      Map<String, String> price,
      @JsonProperty("cost_usd") BigDecimal costUsd) {

    static Call of(ProviderCall row) {
      return new Call(
          row.at().toString(),
          row.stage(),
          row.provider(),
          row.operation(),
          row.model(),
          row.cached(),
          row.units(),
          row.price(),
          row.costUsd());
    }
  }

  static DocumentResult read(DocumentRecord record, DocumentStore store) {
    List<PageText> pages = store.pages().pages(record.id());
    StringBuilder text = new StringBuilder();
    for (PageText page : pages) {
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      text.append(page.text());
    }
    return new DocumentResult(
        record.id(),
        record.status().wireName(),
        record.status().wireName().equals("completed"),
        text.toString(),
        pages.stream().map(p -> new Page(p.number(), p.method(), p.text())).toList(),
        store.entities().entities(record.id()),
        store.structuredResults().latestOfEach(record.id()).stream()
            .map(
                r ->
                    new Structured(r.extractor(), r.schemaVersion(), r.contentSha256(), r.result()))
            .toList(),
        Spend.of(store.providerCalls().ofDocument(record.id())));
  }
}
