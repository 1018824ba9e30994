package io.docfleet.worker.pipeline;

import io.docfleet.cache.CacheLookup;
import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.document.Stage;
import io.docfleet.store.StageOutput;
import io.docfleet.task.Task;
import io.docfleet.worker.provider.Metered;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code entities} stage: every chunk of the document goes to the entity extractor, cached by
 * the chunk's sha256 and the extractor's version. Cached chunks are read in one round trip; each
 * missing one is computed once across the fleet (single flight); each counts once, as a hit or a
 * miss; a cached chunk that cannot be read is computed again. A paid extractor held back by the
 * fleet's rate limit puts the task off; the chunks done before stay cached, so the next run pays
 * for none of them again.
 */
final class EntitiesStage extends StageHandler {
  static final String SETTINGS_VERSION = "entities-v1";

  private final PipelineJson json;

  EntitiesStage(PipelineContext pipeline) {
    super(pipeline, Stage.ENTITIES);
    this.json = new PipelineJson(pipeline.fleet().codec().mapper());
  }

  @Override
  protected Finished run(Task task, RunCosts costs) throws Exception {
    String documentId =
        documentOf(task).orElseThrow(() -> new BadInputException("the task names no documentId"));
    pipeline.states().running(documentId, Stage.ENTITIES, task.attempt() + 1);
    Map<CacheLookup, Chunk> chunks = new LinkedHashMap<>();
    for (Chunk chunk : pipeline.store().chunks().chunks(documentId)) {
      chunks.put(PipelineCacheKeys.entities(documentId, chunk, pipeline.entities()), chunk);
    }
    List<CacheLookup> lookups = List.copyOf(chunks.keySet());
    List<List<Entity>> results =
        new ProviderCalls(pipeline, costs, pipeline.entities().name(), Stage.ENTITIES.taskType())
            .getOrCallAll(
                lookups,
                lookup -> {
                  Chunk chunk = chunks.get(lookup);
                  Metered<List<Entity>> found = pipeline.entities().extractMetered(chunk);
                  return new Metered<>(json.entities(found.result(), chunk.start()), found.usage());
                },
                json::entities);
    List<Entity> entities = new ArrayList<>();
    for (int i = 0; i < lookups.size(); i++) {
      entities.addAll(PipelineJson.shift(results.get(i), chunks.get(lookups.get(i)).start()));
    }
    return new Finished(
        documentId, new StageOutput.Entities(pipeline.entities().label(), entities));
  }
}
