package io.docfleet.api.documents;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.task.Task;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many submits of one caller-chosen document id at once: PostgreSQL's conditional insert decides,
 * one wins and queues its task, every other gets 409 and queues nothing.
 */
class ConcurrentSubmitTest {
  private static final int SUBMITS = 30;

  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  @BeforeEach
  void clean() {
    api.reset();
  }

  private List<String> readyOcrTasks() {
    return api.fleet().redis().<String>getList(api.fleet().keys().ready("ocr")).readAll();
  }

  /** Sends {@code SUBMITS} requests together (released by one latch); their answers in order. */
  private static List<Answer> atOnce(IntFunction<Answer> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SUBMITS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < SUBMITS; i++) {
        int n = i;
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return request.apply(n);
                }));
      }
      start.countDown();
      List<Answer> done = new ArrayList<>();
      for (Future<Answer> answer : answers) {
        done.add(answer.get());
      }
      return done;
    } finally {
      pool.shutdownNow();
    }
  }

  private static int winner(List<Answer> answers) {
    List<Integer> accepted = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      if (answers.get(i).status() == 202) {
        accepted.add(i);
      }
    }
    assertThat(accepted).as("the submits that got 202").hasSize(1);
    return accepted.get(0);
  }

  @Test
  void ofThirtyParallelSubmitsOfOneIdOneWinsAndTheOthersGet409() throws Exception {
    List<Answer> answers =
        atOnce(
            i ->
                api.post(
                    "/api/v1/documents",
                    "{\"source\":\"s3://inbox/race-" + i + ".pdf\",\"documentId\":\"race-1\"}"));

    int winner = winner(answers);
    for (int i = 0; i < SUBMITS; i++) {
      if (i != winner) {
        DocumentsApiTest.assertRefused(answers.get(i), 409, "documentId");
        assertThat(answers.get(i).json().get("error").asText())
            .contains("race-1 exists")
            .contains("/api/v1/documents/race-1/reprocess");
      }
    }
    String winnersSource = "s3://inbox/race-" + winner + ".pdf";
    List<String> tasks = readyOcrTasks();
    assertThat(tasks).hasSize(1);
    Task task = api.fleet().codec().decode(tasks.get(0));
    assertThat(task.id()).isEqualTo(answers.get(winner).json().get("taskId").asText());
    assertThat(task.payload().get("source").asText()).isEqualTo(winnersSource);
    assertThat(api.context().store().documents().find("race-1").orElseThrow().file().source())
        .isEqualTo(winnersSource);
  }

  @Test
  void ofThirtyParallelUploadsOfOneIdOneIsStoredAndQueued() throws Exception {
    List<Answer> answers =
        atOnce(
            i ->
                api.request("POST", "/api/v1/documents")
                    .token(TOKEN)
                    .upload(
                        "letter.txt",
                        "text/plain",
                        ("upload " + i).getBytes(StandardCharsets.UTF_8),
                        Map.of("documentId", "race-2"))
                    .send());

    int winner = winner(answers);
    assertThat(answers.stream().filter(a -> a.status() == 409)).hasSize(SUBMITS - 1);
    assertThat(readyOcrTasks()).hasSize(1);
    var file = api.context().store().documents().find("race-2").orElseThrow().file();
    assertThat(
            java.nio.file.Files.readString(
                java.nio.file.Path.of(java.net.URI.create(file.source()))))
        .isEqualTo("upload " + winner);
  }

  @Test
  void parallelRetriesWithOneIdempotencyKeyAllGetTheOneDocument() throws Exception {
    Answer first =
        api.request("POST", "/api/v1/documents")
            .token(TOKEN)
            .header("Idempotency-Key", "race-key")
            .json("{\"source\":\"s3://inbox/once.pdf\",\"documentId\":\"race-3\"}")
            .send();
    List<Answer> retries =
        atOnce(
            i ->
                api.request("POST", "/api/v1/documents")
                    .token(TOKEN)
                    .header("Idempotency-Key", "race-key")
                    .json("{\"source\":\"s3://inbox/once.pdf\",\"documentId\":\"race-3\"}")
                    .send());

    assertThat(first.status()).isEqualTo(202);
    assertThat(retries)
        .allSatisfy(
            a -> {
              assertThat(a.status()).isEqualTo(202);
              assertThat(a.json()).isEqualTo(first.json());
            });
    assertThat(readyOcrTasks()).hasSize(1);
  }
}
