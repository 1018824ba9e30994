package io.docfleet.api.documents;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.document.Entity;
import io.docfleet.document.PageText;
import io.docfleet.store.DocumentRecord;
import io.docfleet.store.DocumentStore;
import java.util.List;

/**
 * What the pipeline made of a document ({@code GET /api/v1/documents/{id}/result}): its text page
 * by page and whole, its entities, and the latest structured result of each extractor. {@code
 * complete} is false until the document's status is {@code completed}; what is there is shown.
 */
public record DocumentResult(
    String id,
    String status,
    boolean complete,
    String text,
    List<Page> pages,
    List<Entity> entities,
    List<Structured> structured) {

  /** One page's text and how it was read. */
  public record Page(int number, String method, String text) {}

  /** One extractor's structured result. */
  public record Structured(
      String extractor, int schemaVersion, String contentSha256, JsonNode result) {}

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
            .toList());
  }
}
