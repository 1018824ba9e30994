package io.docfleet.api.documents;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.document.Stage;
import io.docfleet.queue.GroupTurns;
import io.docfleet.store.StatusChange;
import io.docfleet.task.Placement;
import io.docfleet.task.Priority;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A document or task submitted in a group: by JSON, upload and reprocess, its task waits in the
 * group's list with a turn in its lane; a malformed group is a 400 naming the field, nothing
 * queued. A named token (COORDINATOR_API_TOKENS=name:token) submits in the group of its name, and
 * naming another is a 403; a token without a name may name any group.
 */
class SubmitInGroupTest {
  private static final String ACME_TOKEN = "acme-only-token";

  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(
          Map.of("COORDINATOR_API_TOKENS", "other-token," + TOKEN + ",acme:" + ACME_TOKEN));

  private Path sample;

  @BeforeEach
  void aFileUnderTheRoot() throws Exception {
    api.reset();
    sample = api.root().resolve("matter.txt");
    Files.writeString(sample, "A matter between Acme and Globex.");
  }

  private Answer submit(String token, String extra) {
    return api.request("POST", "/api/v1/documents")
        .token(token)
        .json("{\"source\":\"" + sample.toUri() + "\"" + extra + "}")
        .send();
  }

  private Answer upload(String token, Map<String, String> fields) {
    return api.request("POST", "/api/v1/documents")
        .token(token)
        .upload("a.txt", "text/plain", "Acme and Globex".getBytes(StandardCharsets.UTF_8), fields)
        .send();
  }

  private Answer tasks(String token, String body) {
    return api.request("POST", "/api/v1/tasks/noop").token(token).json(body).send();
  }

  private List<String> groupList(String type, String group, Priority lane) {
    return api.fleet()
        .redis()
        .<String>getList(api.fleet().keys().groups().ready(type, group, lane))
        .readAll();
  }

  private List<String> lane(String type, Priority lane) {
    return api.fleet()
        .redis()
        .<String>getList(api.fleet().keys().runs().lane(type, lane))
        .readAll();
  }

  private static void assertRefused(Answer answer, int status, String field, String says) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.json().get("field").asText()).isEqualTo(field);
    assertThat(answer.json().get("error").asText()).contains(says);
  }

  @Test
  void aDocumentsOcrTaskWaitsInItsGroupByJsonAndByUpload() {
    Answer bySource = submit(TOKEN, ",\"group\":\"acme\",\"priority\":\"high\"");
    Answer byUpload = upload(TOKEN, Map.of("group", "globex"));

    assertThat(List.of(bySource.status(), byUpload.status())).containsOnly(202);
    assertThat(groupList("ocr", "acme", Priority.HIGH))
        .singleElement()
        .asString()
        .contains(bySource.json().get("taskId").asText())
        .contains("\"group\":\"acme\"");
    assertThat(groupList("ocr", "globex", Priority.NORMAL))
        .singleElement()
        .asString()
        .contains(byUpload.json().get("taskId").asText());
    assertThat(lane("ocr", Priority.HIGH)).containsExactly(GroupTurns.of(Priority.HIGH));
    assertThat(lane("ocr", Priority.NORMAL)).containsExactly(GroupTurns.of(Priority.NORMAL));
  }

  @Test
  void aMalformedGroupIsA400NamingTheFieldAndNothingIsQueued() {
    for (Answer answer :
        List.of(
            submit(TOKEN, ",\"group\":\"acme:eu\""),
            submit(TOKEN, ",\"group\":\"{x}\""),
            upload(TOKEN, Map.of("group", "-acme")),
            tasks(TOKEN, "{\"id\":\"t1\",\"payload\":{},\"group\":\"a b\"}"))) {
      assertRefused(answer, 400, "group", "letters, digits");
    }
    assertRefused(
        tasks(TOKEN, "[{\"id\":\"t1\",\"payload\":{}},{\"id\":\"t2\",\"payload\":{},\"group\":7}]"),
        400,
        "[1].group",
        "letters, digits");
    assertThat(lane("ocr", Priority.NORMAL)).isEmpty();
    assertThat(lane("noop", Priority.NORMAL)).isEmpty();
  }

  @Test
  void aNamedTokenSubmitsInItsOwnGroupOnly() {
    Answer unnamedGroup = submit(ACME_TOKEN, "");
    Answer sameGroup = upload(ACME_TOKEN, Map.of("group", "acme"));
    Answer task = tasks(ACME_TOKEN, "{\"id\":\"t1\",\"payload\":{}}");

    assertThat(List.of(unnamedGroup.status(), sameGroup.status(), task.status())).containsOnly(202);
    assertThat(groupList("ocr", "acme", Priority.NORMAL)).hasSize(2);
    assertThat(groupList("noop", "acme", Priority.NORMAL))
        .singleElement()
        .asString()
        .contains("\"id\":\"t1\"");

    assertRefused(submit(ACME_TOKEN, ",\"group\":\"globex\""), 403, "group", "'acme' only");
    assertRefused(upload(ACME_TOKEN, Map.of("group", "globex")), 403, "group", "'acme' only");
    assertRefused(
        tasks(ACME_TOKEN, "[{\"id\":\"t2\",\"payload\":{},\"group\":\"globex\"}]"),
        403,
        "[0].group",
        "'acme' only");
    assertThat(groupList("ocr", "globex", Priority.NORMAL)).isEmpty();
    assertThat(groupList("noop", "globex", Priority.NORMAL)).isEmpty();
    assertThat(
            api.request("POST", "/api/v1/tasks/noop")
                .token("acme:" + ACME_TOKEN)
                .json("{}")
                .send()
                .status())
        .as("the name is no part of the token")
        .isEqualTo(401);
  }

  @Test
  void aTokenWithoutANameMayNameAnyGroupOrNone() {
    Answer task =
        tasks(
            TOKEN,
            "[{\"id\":\"t1\",\"payload\":{},\"group\":\"globex\"},{\"id\":\"t2\",\"payload\":{}}]");

    assertThat(task.status()).as(task.text()).isEqualTo(202);
    assertThat(groupList("noop", "globex", Priority.NORMAL)).hasSize(1);
    assertThat(lane("noop", Priority.NORMAL)).hasSize(2).contains(GroupTurns.of(Priority.NORMAL));
    assertThat(lane("noop", Priority.NORMAL)).anyMatch(item -> item.contains("\"id\":\"t2\""));
  }

  @Test
  void aReprocessMayNameItsGroupAndANamedTokensIsItsOwn() {
    String id = submit(TOKEN, "").json().get("documentId").asText();
    api.context().store().documents().changeStatus(id, StatusChange.failed(Stage.OCR, "boom", 1));

    assertRefused(
        api.request("POST", "/api/v1/documents/" + id + "/reprocess")
            .token(ACME_TOKEN)
            .json("{\"group\":\"globex\"}")
            .send(),
        403,
        "group",
        "'acme' only");
    Answer again =
        api.request("POST", "/api/v1/documents/" + id + "/reprocess")
            .token(ACME_TOKEN)
            .json("{}")
            .send();

    assertThat(again.status()).as(again.text()).isEqualTo(202);
    assertThat(groupList("ocr", "acme", Priority.NORMAL))
        .singleElement()
        .asString()
        .contains(again.json().get("taskId").asText());
  }

  @Test
  void aReprocessThatNamesNeitherKeepsTheLaneAndGroupOfItsSubmit() {
    String id =
        submit(TOKEN, ",\"group\":\"globex\",\"priority\":\"high\"")
            .json()
            .get("documentId")
            .asText();
    api.context().store().documents().changeStatus(id, StatusChange.failed(Stage.OCR, "boom", 1));
    api.fleet()
        .redis()
        .getKeys()
        .delete(api.fleet().keys().groups().ready("ocr", "globex", Priority.HIGH));

    Answer again =
        api.request("POST", "/api/v1/documents/" + id + "/reprocess")
            .token(TOKEN)
            .json("{}")
            .send();

    assertThat(again.status()).as(again.text()).isEqualTo(202);
    assertThat(groupList("ocr", "globex", Priority.HIGH))
        .singleElement()
        .asString()
        .contains(again.json().get("taskId").asText());
    assertThat(api.context().store().documents().placement(id))
        .isEqualTo(new Placement(Priority.HIGH, java.util.Optional.of("globex")));
  }
}
