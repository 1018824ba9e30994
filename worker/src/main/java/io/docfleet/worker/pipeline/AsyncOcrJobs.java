package io.docfleet.worker.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.document.PageText;
import io.docfleet.task.Task;
import io.docfleet.worker.ocr.AsyncOcrEngine;
import io.docfleet.worker.ocr.OcrInput;
import io.docfleet.worker.ocr.OcrJobStatus;
import io.docfleet.worker.ocr.TextractJobSettings;
import io.docfleet.worker.pipeline.StageHandler.PollAgain;
import io.docfleet.worker.provider.ProviderException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs a document's OCR as a job at the provider, one step per task run, so a running job holds no
 * worker thread: the first run starts the job (at most one per document, see {@link
 * TextractJobRecords}) and each later run polls it once. While the job runs, a step throws {@link
 * PollAgain}: the {@code ocr} task goes to the delayed set, carrying the job id and the content's
 * sha256 in its payload, and comes back after the poll delay. A job that fails, or that runs past
 * {@code TEXTRACT_JOB_TIMEOUT}, fails the document.
 */
final class AsyncOcrJobs {
  /** Payload fields of an {@code ocr} task whose job runs. */
  static final String JOB_ID = "textractJobId";

  static final String CONTENT_SHA256 = "contentSha256";

  private final PipelineContext pipeline;
  private final AsyncOcrEngine engine;
  private final TextractJobRecords records;
  private final TextractJobSettings settings;
  private final PipelineJson json;

  AsyncOcrJobs(PipelineContext pipeline, AsyncOcrEngine engine, PipelineJson json) {
    this.pipeline = pipeline;
    this.engine = engine;
    this.settings = pipeline.ocrJobs();
    this.records =
        new TextractJobRecords(pipeline.fleet(), pipeline.store().textractJobs(), settings);
    this.json = json;
  }

  /** The job a task's payload says is running, with the content it reads. */
  record RunningJob(String jobId, String sha256) {
    static Optional<RunningJob> of(Task task) {
      String jobId = task.payload().path(JOB_ID).asText("");
      String sha256 = task.payload().path(CONTENT_SHA256).asText("");
      return jobId.isEmpty() || sha256.isEmpty()
          ? Optional.empty()
          : Optional.of(new RunningJob(jobId, sha256));
    }
  }

  /** True when the engine reads this input as a job rather than at once. */
  boolean needsJob(OcrInput input) throws ProviderException {
    return engine.needsJob(input);
  }

  /**
   * The first step for a document read just now: finds its job or starts one.
   *
   * @return the page texts when a job of this content already finished
   * @throws PollAgain while the job runs, or while another run starts it
   */
  OcrPages startOrFind(Task task, String documentId, OcrInput input) throws Exception {
    Optional<String> known = records.jobOf(documentId, input.sha256());
    if (known.isPresent()) {
      return poll(task, documentId, new RunningJob(known.get(), input.sha256()));
    }
    Optional<TextractJobRecords.StartClaim> claim = records.claimStart(documentId);
    if (claim.isEmpty()) {
      Optional<String> started = records.jobOf(documentId, input.sha256());
      if (started.isPresent()) {
        return poll(task, documentId, new RunningJob(started.get(), input.sha256()));
      }
      throw new PollAgain(
          settings.pollInterval(), "another run starts the OCR job of " + documentId, null);
    }
    String token;
    String jobId;
    try {
      token = records.startToken(input.sha256());
      jobId = engine.start(input, token);
    } catch (Exception e) {
      records.release(claim.get());
      throw e;
    }
    records.started(jobId, documentId, input.sha256(), token);
    throw waitFor(task, new RunningJob(jobId, input.sha256()), 1, "started");
  }

  /**
   * One poll of a running job.
   *
   * @return the page texts once the job is done: kept ones (no call) when it had already finished
   * @throws PollAgain while it runs
   * @throws ProviderException.Permanent when it failed or ran past its timeout
   */
  OcrPages poll(Task task, String documentId, RunningJob job) throws Exception {
    TextractJobRecords.JobState state = records.state(job.jobId());
    if (state.succeeded()) {
      Optional<String> kept = records.result(documentId);
      if (kept.isPresent()) {
        return OcrPages.kept(kept.get());
      }
    }
    Instant now = pipeline.fleet().clock().instant();
    if (Duration.between(state.startedAt(), now).compareTo(settings.jobTimeout()) > 0) {
      ProviderException timedOut =
          ProviderException.permanent(
              engine.name(),
              "job "
                  + job.jobId()
                  + " did not finish within "
                  + describe(settings.jobTimeout())
                  + " (TEXTRACT_JOB_TIMEOUT)");
      records.failed(job.jobId(), documentId, job.sha256(), timedOut.getMessage());
      throw timedOut;
    }
    OcrJobStatus status;
    try {
      status = engine.poll(job.jobId());
    } catch (ProviderException.Permanent e) {
      records.failed(job.jobId(), documentId, job.sha256(), e.getMessage());
      throw e;
    }
    if (status instanceof OcrJobStatus.Done done) {
      List<PageText> pages = done.pages();
      String pagesJson = json.pages(pages);
      records.succeeded(job.jobId(), documentId, job.sha256(), pages.size(), pagesJson);
      return OcrPages.called(pagesJson, done.usage());
    }
    long polls = records.polled(job.jobId());
    throw waitFor(task, job, polls + 1, "still running after " + polls + " polls");
  }

  private static String describe(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  private PollAgain waitFor(Task task, RunningJob job, long nextPoll, String how) {
    ObjectNode payload =
        task.payload().deepCopy().put(JOB_ID, job.jobId()).put(CONTENT_SHA256, job.sha256());
    return new PollAgain(
        settings.delayBeforePoll(nextPoll),
        engine.name() + " job " + job.jobId() + " " + how,
        payload);
  }
}
