package io.docfleet.worker.pipeline;

import io.docfleet.cache.CacheLookup;
import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import io.docfleet.document.Stage;
import io.docfleet.queue.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code entities} stage: every chunk of the document goes to the entity extractor, cached by
 * the chunk's sha256 and the extractor's version. Cached chunks are read in one round trip; each
 * missing one is computed once across the fleet (single flight).
 */
final class EntitiesStage extends StageHandler {
  static final String SETTINGS_VERSION = "entities-v1";

  private final PipelineJson json;

  EntitiesStage(PipelineContext ctx) {
    super(ctx, Stage.ENTITIES);
    this.json = new PipelineJson(ctx.fleet().codec().mapper());
  }

  @Override
  protected String run(Task task) throws Exception {
    String documentId =
        documentOf(task).orElseThrow(() -> new BadInputException("the task names no documentId"));
    ctx.states().running(documentId, Stage.ENTITIES, task.attempt() + 1);
    List<Chunk> chunks = ctx.store().chunks().chunks(documentId);
    List<CacheLookup> lookups = new ArrayList<>(chunks.size());
    for (Chunk chunk : chunks) {
      lookups.add(PipelineCacheKeys.entities(documentId, chunk, ctx.entities()));
    }
    Map<CacheLookup, String> cached = ctx.cache().getAll(lookups);
    List<Entity> entities = new ArrayList<>();
    long calls = 0;
    for (int i = 0; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      String found = cached.get(lookups.get(i));
      if (found == null) {
        long[] made = new long[1];
        found =
            ctx.cache()
                .getOrCompute(
                    lookups.get(i).key(),
                    lookups.get(i).pointer(),
                    () -> {
                      made[0]++;
                      return json.entities(ctx.entities().extract(chunk), chunk.start());
                    });
        calls += made[0];
      }
      entities.addAll(json.entities(found, chunk.start()));
    }
    ctx.states().count(documentId, calls, chunks.size() - calls);
    ctx.store().entities().replaceEntities(documentId, ctx.entities().name(), entities);
    return documentId;
  }
}
