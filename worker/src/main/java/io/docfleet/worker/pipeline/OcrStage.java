package io.docfleet.worker.pipeline;

import io.docfleet.cache.CachePointer;
import io.docfleet.cache.ContentKey;
import io.docfleet.cache.DocumentInvalidation;
import io.docfleet.document.ContentHash;
import io.docfleet.document.PageText;
import io.docfleet.document.Stage;
import io.docfleet.source.SourceDocument;
import io.docfleet.source.SourceException;
import io.docfleet.store.DocumentFile;
import io.docfleet.store.DocumentRecord;
import io.docfleet.store.Registration;
import io.docfleet.store.StageOutput;
import io.docfleet.store.StatusChange;
import io.docfleet.task.Task;
import io.docfleet.worker.extraction.DocumentText;
import io.docfleet.worker.ocr.AsyncOcrEngine;
import io.docfleet.worker.ocr.OcrInput;
import io.docfleet.worker.pipeline.AsyncOcrJobs.RunningJob;
import io.docfleet.worker.provider.Metered;
import io.docfleet.worker.provider.ProviderException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code ocr} stage: a task whose payload names a {@code source} (and optionally {@code
 * documentId}, {@code name}, {@code mediaType}) registers the document, reads it, and turns it into
 * page text through the configured OCR engine, cached by the content's sha256 and the engine's
 * version, so the same bytes uploaded twice cost one call. Its pages and chunks go to PostgreSQL. A
 * document whose content changed since it was registered is invalidated first ({@link
 * DocumentInvalidation}: its cache keys and OCR job records), so its next run calls every provider
 * again, even for chunks that did not change.
 *
 * <p>An engine that reads large inputs as a job ({@link AsyncOcrEngine}, Textract for multi-page
 * PDFs in S3) runs through {@link AsyncOcrJobs}: the task starts the job and re-schedules itself as
 * a delayed poll; a poll run, whose payload names the job and the content's sha256, reads no
 * document and goes straight to the cache, then to the job.
 */
final class OcrStage extends StageHandler {
  static final String SETTINGS_VERSION = "ocr-v1";
  private static final String NO_CONTENT = ContentHash.sha256(new byte[0]);

  private final PipelineJson json;
  private final Optional<AsyncOcrJobs> jobs;
  private final DocumentInvalidation invalidation;

  OcrStage(PipelineContext pipeline) {
    super(pipeline, Stage.OCR);
    this.json = new PipelineJson(pipeline.fleet().codec().mapper());
    this.jobs =
        pipeline.ocr() instanceof AsyncOcrEngine engine
            ? Optional.of(new AsyncOcrJobs(pipeline, engine, json))
            : Optional.empty();
    this.invalidation =
        new DocumentInvalidation(
            pipeline.fleet(), pipeline.cache(), pipeline.store().textractJobs());
  }

  @Override
  protected Optional<String> namedDocument(Task task) {
    return Optional.of(super.namedDocument(task).orElse("doc-" + task.id()));
  }

  @Override
  protected Finished run(Task task, RunCosts costs) throws Exception {
    String documentId = documentOf(task).orElseThrow();
    Optional<RunningJob> running = RunningJob.of(task).filter(job -> jobs.isPresent());
    if (running.isPresent()) {
      pipeline.states().running(documentId, Stage.OCR, task.attempt() + 1);
      RunningJob job = running.get();
      // the job was paid for when it started: its polls pass no budget
      return finish(
          documentId,
          job.sha256(),
          costs,
          false,
          () -> jobs.orElseThrow().poll(task, documentId, job));
    }
    String source = task.payload().path("source").asText("");
    SourceDocument document;
    try {
      document = pipeline.sources().read(source);
    } catch (SourceException e) {
      registerUnreadable(task, documentId, source);
      throw e;
    }
    DocumentFile file =
        new DocumentFile(
            documentId,
            source,
            task.payload().path("name").asText(document.name()),
            task.payload().path("mediaType").asText("application/octet-stream"),
            document.size(),
            document.sha256());
    Registration registration = pipeline.store().documents().register(file);
    if (registration == Registration.CONTENT_CHANGED) {
      invalidation.invalidate(documentId, "its content changed");
    }
    if (registration != Registration.NEW) {
      restartIfFinished(documentId); // a new document is queued: nothing to restart
    }
    pipeline.states().running(documentId, Stage.OCR, task.attempt() + 1);
    return finish(
        documentId, document.sha256(), costs, true, () -> recognize(task, documentId, document));
  }

  /** The page texts of a document just read: from its job, or from the engine at once. */
  private OcrPages recognize(Task task, String documentId, SourceDocument document)
      throws Exception {
    OcrInput input = OcrInput.from(document);
    if (jobs.isPresent() && jobs.get().needsJob(input)) {
      return jobs.get().startOrFind(task, documentId, input);
    }
    Metered<List<PageText>> read = pipeline.ocr().recognizeMetered(input);
    return OcrPages.called(json.pages(read.result()), read.usage());
  }

  /**
   * Takes the page texts from the cache (an entry that cannot be read counts as a miss), else from
   * {@code compute}, and cuts them into chunks: the pages and chunks the stage stores. Pages the
   * provider answered are one provider call, timed and counted when they return; pages a finished
   * job kept count as neither a call nor a cache hit: the run that polled the job counted its call,
   * and the provider cache did not answer. A miss that {@code mayPay} (not the poll of a job
   * already paid for) passes the budgets first.
   */
  private Finished finish(
      String documentId, String sha256, RunCosts costs, boolean mayPay, Callable<OcrPages> compute)
      throws Exception {
    AtomicReference<OcrPages> computed = new AtomicReference<>();
    ContentKey key = PipelineCacheKeys.ocr(sha256, pipeline.ocr());
    String engine = pipeline.ocr().name();
    CachedUsage.Read<List<PageText>> read =
        pipeline
            .cache()
            .getOrCompute(
                key,
                CachePointer.document(documentId),
                () -> {
                  if (mayPay && ProviderCalls.paid(engine)) {
                    pipeline.budgetGate().beforePaidCall(costs);
                  }
                  OcrPages got;
                  try {
                    got =
                        ProviderTiming.time(
                            pipeline.latencies(),
                            engine,
                            Stage.OCR.taskType(),
                            compute,
                            OcrPages::called);
                  } catch (ProviderException e) {
                    costs.paid(e.billed()); // pages read before the failure were still billed
                    throw e;
                  }
                  computed.set(got);
                  return CachedUsage.wrap(
                      got.json(), costs.paid(got.usage()), ProviderCalls.paid(engine));
                },
                value -> ProviderCalls.read(value, json::pages));
    if (computed.get() == null) {
      costs.answeredByCache(1);
      costs.avoided(ProviderCalls.avoided(engine, read));
    } else if (computed.get().called()) {
      costs.called();
    }
    List<PageText> pages = read.result();
    return new Finished(
        documentId,
        new StageOutput.Pages(pages, pipeline.chunker().chunk(DocumentText.of(pages).text())));
  }

  /** An {@code ocr} task for a document that already ended runs its pipeline again. */
  private void restartIfFinished(String documentId) {
    DocumentRecord record = pipeline.store().documents().find(documentId).orElseThrow();
    if (record.status().isFinal()) {
      pipeline.store().documents().changeStatus(documentId, StatusChange.queued(Stage.OCR));
    }
  }

  /** A document whose source cannot be read is still registered, so it can end failed. */
  private void registerUnreadable(Task task, String documentId, String source) {
    String name = task.payload().path("name").asText(source.isBlank() ? documentId : source);
    pipeline
        .store()
        .documents()
        .register(
            new DocumentFile(documentId, source, name, "application/octet-stream", 0, NO_CONTENT));
  }
}
