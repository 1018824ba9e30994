package io.docfleet.worker.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.document.DocumentIds;
import io.docfleet.document.Stage;
import io.docfleet.logging.LogSafe;
import io.docfleet.source.SourceException;
import io.docfleet.store.StageOutput;
import io.docfleet.task.Task;
import io.docfleet.worker.handler.PermanentTaskException;
import io.docfleet.worker.handler.TaskHandler;
import io.docfleet.worker.handler.TaskOutcome;
import io.docfleet.worker.provider.ProviderException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipeline stage as a task handler. It maps what can go wrong to the fleet's outcomes: a bad
 * input or a provider's 4xx fails the document for good with a message that says what was wrong; a
 * provider's 429, 5xx or timeout, or any other error of the stage, is retried with backoff, and
 * fails the document only when the task's last attempt fails (or when its attempts ran out on
 * workers that stopped). The stage finishes by queuing the next one (its task id derives from this
 * task's, with the same idempotency key, so a stage that runs again queues nothing twice). A stage
 * that waits (on a provider's job, on the fleet's rate limit, or on a spent budget) is no failure:
 * its task runs again later without using an attempt, and the document shows the stage {@code
 * waiting} and why ({@code <stage>_waiting_for}).
 */
abstract class StageHandler implements TaskHandler {
  private static final Logger log = LoggerFactory.getLogger(StageHandler.class);

  protected final PipelineContext pipeline;
  private final Stage stage;

  StageHandler(PipelineContext pipeline, Stage stage) {
    this.pipeline = pipeline;
    this.stage = stage;
  }

  /**
   * Runs the stage for the document, adding what it costs to {@code costs}; returns the document
   * and what the stage made of it, which {@link #handle} writes as it ends the stage.
   */
  protected abstract Finished run(Task task, RunCosts costs) throws Exception;

  /** A stage's run that finished: the document's id and the results to write. */
  record Finished(String documentId, StageOutput output) {}

  /** The document id a task of this stage names, when it names one, valid or not. */
  protected Optional<String> namedDocument(Task task) {
    String fromPayload = task.payload().path("documentId").asText(null);
    return Optional.ofNullable(fromPayload != null ? fromPayload : task.documentId());
  }

  /** The document a task of this stage is about: the id it names, when that is a document id. */
  protected final Optional<String> documentOf(Task task) {
    return namedDocument(task).filter(DocumentIds::isValid);
  }

  @Override
  public final TaskOutcome handle(Task task) throws Exception {
    Optional<String> named = namedDocument(task);
    if (named.isPresent() && !DocumentIds.isValid(named.get())) {
      // A task pushed straight into Redis: its id would name a folder or keys it must not.
      throw new PermanentTaskException(
          "the task names the document id '"
              + LogSafe.text(named.get())
              + "': "
              + DocumentIds.RULE);
    }
    if (EndedDocuments.onlyTellsTheEnd(task) && documentOf(task).isPresent()) {
      return new EndedDocuments(pipeline, stage).tellEnd(task, documentOf(task).get());
    }
    RunCosts costs =
        new RunCosts(
            new RunCosts.Run(
                documentOf(task).orElse(null), task.group(), stage.taskType(), task.id()),
            pipeline.prices(),
            pipeline.fleet().clock());
    try {
      Finished finished = run(task, costs);
      pipeline.states().done(finished.documentId(), stage, finished.output(), costs);
      stage.next().ifPresent(next -> queueNext(task, finished.documentId(), next));
      return TaskOutcome.succeeded();
    } catch (EndNotTold e) {
      return EndedDocuments.tellAgainLater(task, e.getMessage());
    } catch (Exception e) {
      countAnyway(task, costs);
      return outcomeOf(task, e);
    }
  }

  /** What a run that threw comes to. */
  private TaskOutcome outcomeOf(Task task, Exception e) throws Exception {
    if (e instanceof AlreadyEnded ended) {
      return new EndedDocuments(pipeline, stage).endedBefore(task, ended.record());
    } else if (e instanceof PollAgain poll) {
      return waitThenPoll(task, poll.reason(), poll.delay(), Optional.ofNullable(poll.payload()));
    } else if (e instanceof BudgetGate.BudgetReached budget) {
      return waitThenPoll(task, budget.getMessage(), budget.delay(), Optional.empty());
    } else if (e instanceof ProviderException.OverRateLimit over) {
      return waitThenPoll(task, over.getMessage(), over.retryAfter(), Optional.empty());
    } else if (e instanceof SourceException source) {
      return fail(task, source.getMessage(), source.retryable());
    } else if (e instanceof ProviderException provider) {
      return fail(task, provider.getMessage(), provider.retryable());
    } else if (e instanceof BadInputException) {
      return fail(task, e.getMessage(), false);
    } else if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
      throw e; // the worker stops: the run was cut short, it did not fail
    }
    // A store or Redis that fails, or a bug: retried like a provider's 5xx, and on the last
    // attempt the document ends failed, so it is never left processing without a task.
    return fail(task, stage.taskType() + " stage failed: " + e, true);
  }

  /**
   * A run that did not finish still cost what it cost: its calls and hits go to the document, and
   * its ledger rows to PostgreSQL (paid calls are never dropped silently: one that cannot be
   * written is logged with its cost).
   */
  private void countAnyway(Task task, RunCosts costs) {
    documentOf(task)
        .ifPresent(
            id -> {
              try {
                pipeline.states().count(id, costs);
              } catch (RuntimeException e) {
                log.warn("could not count the provider calls of document {}: {}", id, e.toString());
              }
            });
  }

  /** The task ran out of attempts on workers that stopped: its document ends failed too. */
  @Override
  public void gaveUp(Task task, String reason) {
    documentOf(task)
        .ifPresent(
            id -> {
              if (!recordFailed(id, reason, task.attempt())) {
                log.warn(
                    "document {} failed, but Redis and its webhook could not be told before its"
                        + " task went to the dead-letter list",
                    id);
              }
            });
  }

  private TaskOutcome waitThenPoll(
      Task task, String reason, Duration delay, Optional<ObjectNode> payload) {
    documentOf(task)
        .ifPresent(
            id -> {
              try {
                pipeline.states().waiting(id, stage, reason);
              } catch (RuntimeException e) {
                log.warn("could not record that document {} waits: {}", id, e.toString());
              }
            });
    return new TaskOutcome.PollLater(delay, reason, payload);
  }

  private void queueNext(Task task, String documentId, Stage next) {
    String id = task.id() + ">" + next.taskType();
    Task nextTask =
        Task.of(
                id,
                next.taskType(),
                pipeline.fleet().codec().mapper().createObjectNode().put("documentId", documentId))
            .withDocumentId(documentId)
            .withIdempotencyKey(id)
            .withPriority(task.priority()) // the document's stages keep its lane
            .withGroup(task.group()); // and its group
    pipeline.submitter().submit(nextTask);
  }

  private TaskOutcome fail(Task task, String message, boolean retryable) throws Exception {
    int attempt = task.attempt() + 1;
    boolean last = attempt >= task.attemptsAllowed(pipeline.maxAttempts());
    Optional<String> documentId = documentOf(task);
    if (retryable && !last) {
      return new TaskOutcome.RetryLater(message);
    }
    if (documentId.isPresent() && !recordFailed(documentId.get(), message, attempt)) {
      return EndedDocuments.tellAgainLater(
          task, "document " + documentId.get() + " failed: " + message);
    }
    if (retryable) {
      return new TaskOutcome.RetryLater(message);
    }
    throw new PermanentTaskException(message);
  }

  /**
   * Records that the document failed; false when PostgreSQL holds it but Redis and the webhook
   * could not be told, so the task must run again to tell them.
   */
  private boolean recordFailed(String documentId, String message, int attempts) {
    try {
      pipeline.states().failed(documentId, stage, message, attempts);
    } catch (EndNotTold e) {
      return false;
    } catch (RuntimeException e) {
      log.warn("could not record that document {} failed: {}", documentId, e.toString());
    }
    return true;
  }

  /**
   * The stage cannot finish yet and needs no thread meanwhile: its task runs again after {@code
   * delay}, with {@code payload} (when not null) as what it learned so far.
   */
  static final class PollAgain extends Exception {
    private final Duration delay;
    private final transient ObjectNode payload;

    PollAgain(Duration delay, String reason, ObjectNode payload) {
      super(reason, null, false, false);
      this.delay = delay;
      this.payload = payload;
    }

    Duration delay() {
      return delay;
    }

    String reason() {
      return getMessage();
    }

    ObjectNode payload() {
      return payload;
    }
  }

  /** An input the stage cannot work on, such as a task without the document it needs. */
  static final class BadInputException extends Exception {
    BadInputException(String message) {
      super(message);
    }
  }
}
