package io.docfleet.api.groups;

import static io.docfleet.api.TestCoordinator.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.queue.GroupConfig;
import io.docfleet.queue.GroupConfigs;
import io.docfleet.queue.GroupLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/groups}: each type's groups and every group's limit; a group's settings, changed
 * by an operator's token (concurrency set at once on every known type, a callbackUrl checked as a
 * submit's and given to the group's documents that name none), refused with 400s that say why; and
 * the queue page's groups, turns and one group's ready list.
 */
class GroupRoutesTest {
  private static final String ACME_TOKEN = "acme-only-token";

  @RegisterExtension
  static final TestCoordinator api =
      TestCoordinator.withEnv(
          Map.of(
              "COORDINATOR_API_TOKENS",
              "other-token," + TOKEN + ",acme:" + ACME_TOKEN,
              "WEBHOOK_SECRET",
              "whsec-never-shown"));

  @BeforeEach
  void reset() {
    api.reset();
  }

  private Answer put(String group, String body) {
    return api.request("PUT", "/api/v1/groups/" + group).token(TOKEN).json(body).send();
  }

  private void submitTasks(String body) {
    Answer answer = api.post("/api/v1/tasks/noop", body);
    assertThat(answer.status()).as(answer.text()).isEqualTo(202);
  }

  private static void assertRefused(Answer answer, int status, String field, String says) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.json().get("field").asText()).isEqualTo(field);
    assertThat(answer.json().get("error").asText()).contains(says);
  }

  private static JsonNode typeOf(JsonNode list, String type) {
    for (JsonNode entry : list.get("types")) {
      if (entry.get("type").asText().equals(type)) {
        return entry;
      }
    }
    throw new AssertionError("no type " + type + " in " + list);
  }

  @Test
  void theListShowsEachTypesGroupsAndEveryGroupsLimit() {
    submitTasks(
        "[{\"id\":\"a1\",\"payload\":{},\"group\":\"acme\"},"
            + "{\"id\":\"a2\",\"payload\":{},\"group\":\"acme\",\"priority\":\"high\"},"
            + "{\"id\":\"g1\",\"payload\":{},\"group\":\"globex\"}]");
    new GroupLimits(api.fleet()).set("noop", GroupLimits.EVERY_GROUP, OptionalInt.of(4));

    JsonNode noop = typeOf(api.get("/api/v1/groups").json(), "noop");

    assertThat(noop.get("everyGroupLimit").asInt()).isEqualTo(4);
    JsonNode acme = noop.get("groups").get(0);
    assertThat(acme.get("group").asText()).isEqualTo("acme");
    assertThat(acme.get("ready").get("high").asLong()).isEqualTo(1);
    assertThat(acme.get("ready").get("normal").asLong()).isEqualTo(1);
    assertThat(acme.get("ready").get("total").asLong()).isEqualTo(2);
    assertThat(acme.get("running").asLong()).isZero();
    assertThat(acme.get("limit").asInt()).isEqualTo(4);
    assertThat(noop.get("groups").get(1).get("group").asText()).isEqualTo("globex");
    assertThat(typeOf(api.get("/api/v1/groups").json(), "ocr").get("everyGroupLimit").isNull())
        .isTrue();
  }

  @Test
  void aGroupsConcurrencyIsSetOnEveryKnownTypeAndStored() {
    submitTasks("{\"id\":\"a1\",\"payload\":{},\"group\":\"acme\"}");

    Answer set = put("acme", "{\"concurrency\":2}");

    assertThat(set.status()).as(set.text()).isEqualTo(200);
    assertThat(set.json().get("concurrency").asInt()).isEqualTo(2);
    assertThat(set.json().get("types").toString()).contains("\"noop\"", "\"ocr\"");
    assertThat(new GroupLimits(api.fleet()).read("noop")).containsEntry("acme", 2);
    assertThat(new GroupLimits(api.fleet()).read("entities")).containsEntry("acme", 2);
    assertThat(new GroupConfigs(api.fleet()).read("acme").concurrency()).hasValue(2);

    JsonNode shown = api.get("/api/v1/groups/acme").json();
    assertThat(shown.get("concurrency").asInt()).isEqualTo(2);
    assertThat(shown.get("callbackUrl").isNull()).isTrue();
    assertThat(shown.get("types")).hasSize(1);
    assertThat(shown.get("types").get(0).get("type").asText()).isEqualTo("noop");
    assertThat(shown.get("types").get(0).get("ready").get("normal").asLong()).isEqualTo(1);
    assertThat(shown.get("types").get(0).get("limit").asInt()).isEqualTo(2);

    Answer removed = put("acme", "{\"concurrency\":null}");
    assertThat(removed.status()).as(removed.text()).isEqualTo(200);
    assertThat(new GroupLimits(api.fleet()).read("noop")).doesNotContainKey("acme");
    assertThat(new GroupConfigs(api.fleet()).read("acme")).isEqualTo(GroupConfig.NONE);
    assertThat(api.get("/api/v1/groups/acme").json().get("concurrency").isNull()).isTrue();
  }

  @Test
  void aChangeIsCheckedAndOnlyAnOperatorsTokenMakesIt() {
    assertRefused(put("acme", "{\"concurrency\":0}"), 400, "concurrency", "from 1");
    assertRefused(put("acme", "{\"concurrency\":\"3\"}"), 400, "concurrency", "whole number");
    assertRefused(put("acme", "{\"concurency\":3}"), 400, "concurency", "unknown field");
    assertRefused(put("acme", "{}"), 400, "body", "concurrency");
    assertRefused(put("acme", "[1]"), 400, "body", "JSON object");
    assertRefused(put("acme", "not json"), 400, "body", "not valid JSON");
    assertRefused(put("bad%20name", "{\"concurrency\":3}"), 400, "group", "letters, digits");
    assertRefused(
        put("acme", "{\"callbackUrl\":\"http://127.0.0.1:9/hook\"}"), 400, "callbackUrl", "");
    assertRefused(
        api.request("PUT", "/api/v1/groups/acme").json("{\"concurrency\":3}").send(),
        401,
        "Authorization",
        "bearer token");
    assertRefused(
        api.request("PUT", "/api/v1/groups/acme")
            .token(ACME_TOKEN)
            .json("{\"concurrency\":300}")
            .send(),
        403,
        "Authorization",
        "without a name");
    assertThat(new GroupConfigs(api.fleet()).readAll()).isEmpty();
    assertThat(new GroupLimits(api.fleet()).read("ocr")).isEmpty();
  }

  @Test
  void aGroupsCallbackUrlGoesToItsDocumentsThatNameNone() throws Exception {
    Path sample = api.root().resolve("hooked.txt");
    Files.writeString(sample, "Acme and Globex.");
    Answer set = put("acme", "{\"callbackUrl\":\"https://93.184.216.34/acme-hooks\"}");
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    assertThat(set.json().get("types")).as("no concurrency named: no limit set").isEmpty();

    String plain = submitted(sample, "\"group\":\"acme\"");
    String own =
        submitted(sample, "\"group\":\"acme\",\"callbackUrl\":\"https://93.184.216.34/own\"");
    String other = submitted(sample, "\"group\":\"globex\"");
    String byToken =
        api.request("POST", "/api/v1/documents")
            .token(ACME_TOKEN)
            .json("{\"source\":\"" + sample.toUri() + "\"}")
            .send()
            .json()
            .get("documentId")
            .asText();

    var documents = api.context().store().documents();
    assertThat(documents.callbackUrl(plain)).hasValue("https://93.184.216.34/acme-hooks");
    assertThat(documents.callbackUrl(own)).hasValue("https://93.184.216.34/own");
    assertThat(documents.callbackUrl(other)).isEmpty();
    assertThat(documents.callbackUrl(byToken)).hasValue("https://93.184.216.34/acme-hooks");
    assertThat(new GroupConfigs(api.fleet()).read("acme"))
        .isEqualTo(
            new GroupConfig(OptionalInt.empty(), Optional.of("https://93.184.216.34/acme-hooks")));
  }

  private String submitted(Path sample, String fields) {
    Answer answer =
        api.post("/api/v1/documents", "{\"source\":\"" + sample.toUri() + "\"," + fields + "}");
    assertThat(answer.status()).as(answer.text()).isEqualTo(202);
    return answer.json().get("documentId").asText();
  }

  @Test
  void theQueuePageShowsItsGroupsTurnsAndOneGroupsList() {
    submitTasks(
        "[{\"id\":\"a1\",\"payload\":{},\"group\":\"acme\"},{\"id\":\"n1\",\"payload\":{}},"
            + "{\"id\":\"a2\",\"payload\":{},\"group\":\"acme\"}]");

    JsonNode queue = api.get("/api/v1/queues/noop").json();
    assertThat(queue.get("groupCount").asLong()).isEqualTo(1);
    assertThat(queue.get("groups").get(0).get("group").asText()).isEqualTo("acme");
    assertThat(queue.get("groups").get(0).get("ready").get("normal").asLong()).isEqualTo(2);
    assertThat(api.get("/api/v1/queues").json().get("queues").get(0).get("groupCount").asLong())
        .isEqualTo(1);

    JsonNode ready = api.get("/api/v1/queues/noop/ready").json();
    assertThat(ready.get("total").asLong()).isEqualTo(3);
    List<String> turns = ready.get("entries").findValuesAsText("turn");
    assertThat(turns).containsExactly("normal", "normal");
    assertThat(ready.get("entries").toString()).contains("\"n1\"").doesNotContain("\"a1\"");

    JsonNode acme = api.get("/api/v1/queues/noop/ready?group=acme").json();
    assertThat(acme.get("group").asText()).isEqualTo("acme");
    assertThat(acme.get("total").asLong()).isEqualTo(2);
    assertThat(acme.get("entries"))
        .extracting(entry -> entry.get("id").asText())
        .containsExactly("a1", "a2");
    assertRefused(
        api.get("/api/v1/queues/noop/ready?group=a%3Ab"), 400, "group", "letters, digits");
  }
}
