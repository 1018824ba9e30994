package io.docfleet.worker.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.cache.CachePointer;
import io.docfleet.cache.ContentKey;
import io.docfleet.document.Entity;
import io.docfleet.document.Stage;
import io.docfleet.store.StageOutput;
import io.docfleet.store.StructuredResult;
import io.docfleet.task.Task;
import io.docfleet.worker.extraction.DocumentFacts;
import io.docfleet.worker.extraction.DocumentFactsJson;
import io.docfleet.worker.extraction.DocumentText;
import io.docfleet.worker.extraction.StructuredInput;
import io.docfleet.worker.provider.Metered;
import java.util.List;

/**
 * The {@code structured} stage, the last: the document's text and entities become one JSON object
 * (document type, parties, key dates, amounts, jurisdiction) checked against the shipped schema,
 * cached by the text's sha256 and the extractors' versions (a cached one that breaks the schema is
 * computed again), and stored in PostgreSQL.
 */
final class StructuredStage extends StageHandler {
  static final String SETTINGS_VERSION = "structured-v1";
  static final int SCHEMA_VERSION = 1;

  /** The pointer's chunk id: the structured result covers the whole document. */
  static final String WHOLE_DOCUMENT = "document";

  StructuredStage(PipelineContext pipeline) {
    super(pipeline, Stage.STRUCTURED);
  }

  @Override
  protected Finished run(Task task, RunCosts costs) throws Exception {
    String documentId =
        documentOf(task).orElseThrow(() -> new BadInputException("the task names no documentId"));
    pipeline.states().running(documentId, Stage.STRUCTURED, task.attempt() + 1);
    String text = DocumentText.of(pipeline.store().pages().pages(documentId)).text();
    List<Entity> entities = pipeline.store().entities().entities(documentId);
    ContentKey key = PipelineCacheKeys.structured(text, pipeline.structured(), pipeline.entities());
    JsonNode facts =
        new ProviderCalls(
                pipeline, costs, pipeline.structured().name(), Stage.STRUCTURED.taskType())
            .getOrCall(
                key,
                CachePointer.chunk(documentId, WHOLE_DOCUMENT),
                () -> {
                  Metered<DocumentFacts> read =
                      pipeline.structured().extractMetered(new StructuredInput(text, entities));
                  return new Metered<>(DocumentFactsJson.write(read.result()), read.usage());
                },
                this::facts);
    return new Finished(
        documentId,
        new StageOutput.Structured(
            new StructuredResult(
                documentId, pipeline.structured().name(), SCHEMA_VERSION, key.sha256(), facts)));
  }

  /** A structured result, checked against the schema: a cached one that breaks it is a miss. */
  private JsonNode facts(String json) throws Exception {
    List<String> problems = DocumentFactsJson.problems(json);
    if (!problems.isEmpty()) {
      throw new BadInputException("the structured result breaks its schema: " + problems);
    }
    return pipeline.fleet().codec().mapper().readTree(json);
  }
}
