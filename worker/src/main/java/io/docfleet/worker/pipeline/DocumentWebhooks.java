package io.docfleet.worker.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.store.DocumentRecord;
import io.docfleet.webhook.WebhookEvents;
import io.docfleet.webhook.WebhookTasks;
import java.util.Map;
import java.util.Optional;

/**
 * Queues the completion webhook of a document that reached its final status, when it was submitted
 * with a {@code callbackUrl}: once PostgreSQL committed the status and Redis shows it, the event is
 * built from both and queued as a {@code webhook} task whose id derives from the event id. A run
 * that stopped between the commit and this call is run again by the queue and queues it then; the
 * same final state makes the same event id, so the queue takes it once.
 */
final class DocumentWebhooks {
  private final PipelineContext pipeline;

  DocumentWebhooks(PipelineContext pipeline) {
    this.pipeline = pipeline;
  }

  /** Queues the webhook of {@code ended}'s final state, when the document has a callback URL. */
  void queue(DocumentRecord ended) {
    Optional<String> url = pipeline.store().documents().callbackUrl(ended.id());
    if (url.isEmpty()) {
      return;
    }
    Map<String, String> state =
        pipeline
            .fleet()
            .redis()
            .<String, String>getMap(pipeline.fleet().keys().documentState(ended.id()))
            .readAllMap();
    ObjectNode event = WebhookEvents.of(pipeline.fleet().codec().mapper(), ended, state);
    pipeline.submitter().submit(WebhookTasks.of(url.get(), event));
  }
}
