package io.docfleet.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.cli.CliHarness.Result;
import io.docfleet.queue.GroupLimits;
import io.docfleet.task.Priority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code submit --group}, {@code groups} and {@code groups set} against a real coordinator. */
class GroupCommandsTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path elsewhere;
  private CliHarness cli;
  private Path contract;

  @BeforeEach
  void aFreshCoordinatorAndAFile() throws Exception {
    api.reset();
    cli = new CliHarness(api);
    contract = elsewhere.resolve("contract.txt");
    Files.writeString(contract, "This agreement is made between Acme and Globex.");
  }

  private int groupList(String group, Priority lane) {
    return api.fleet()
        .redis()
        .getList(api.fleet().keys().groups().ready("ocr", group, lane))
        .size();
  }

  @Test
  void submitPutsTheDocumentsTaskInItsGroupAndAMalformedOneIsRefused() {
    Result acme = cli.run("submit", "--group", "acme", "--priority", "high", contract.toString());
    Result bad = cli.run("submit", "--group", "acme:eu", contract.toString());

    assertThat(acme.exit()).as(acme.err()).isZero();
    assertThat(groupList("acme", Priority.HIGH)).isEqualTo(1);
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("[field: group]").contains("letters, digits");
  }

  @Test
  void groupsListsEachTypesGroupsWithReadyRunningAndLimit() throws Exception {
    cli.run("submit", "--group", "acme", contract.toString());
    cli.run("submit", "--group", "acme", "--priority", "low", contract.toString());
    cli.run("submit", "--group", "globex", contract.toString());
    new GroupLimits(api.fleet()).set("ocr", GroupLimits.EVERY_GROUP, OptionalInt.of(5));

    Result table = cli.run("groups");
    Result json = cli.run("groups", "--json");

    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out())
        .containsPattern("TYPE +GROUP +READY H/N/L +RUNNING +LIMIT")
        .containsPattern("ocr +acme +0/1/1 +0 +5")
        .containsPattern("ocr +globex +0/1/0 +0 +5")
        .contains("ocr: every group's limit 5");
    assertThat(JSON.readTree(json.out()).get("types").toString()).contains("\"acme\"");
  }

  @Test
  void noGroupsSaysSo() {
    Result none = cli.run("groups");

    assertThat(none.exit()).as(none.err()).isZero();
    assertThat(none.out()).contains("no groups with tasks ready or running");
  }

  @Test
  void groupsSetChangesTheConcurrencyOnEveryTypeAndNoneRemovesIt() {
    Result set = cli.run("groups", "set", "acme", "--concurrency", "3");

    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.out()).contains("acme: concurrency 3, callback none (set on");
    assertThat(new GroupLimits(api.fleet()).read("ocr")).containsEntry("acme", 3);

    Result removed = cli.run("groups", "set", "acme", "--concurrency", "none");
    assertThat(removed.exit()).as(removed.err()).isZero();
    assertThat(removed.out()).contains("acme: concurrency none");
    assertThat(new GroupLimits(api.fleet()).read("ocr")).doesNotContainKey("acme");
  }

  @Test
  void groupsSetRefusesAWrongCommandLineBeforeSending() {
    Result nothing = cli.run("groups", "set", "acme");
    Result zero = cli.run("groups", "set", "acme", "--concurrency", "0");
    Result badName = cli.run("groups", "set", "a b", "--concurrency", "2");

    assertThat(nothing.exit()).isEqualTo(2);
    assertThat(nothing.err()).contains("--concurrency N|none");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).contains("whole number from 1");
    assertThat(badName.exit()).isEqualTo(1);
    assertThat(badName.err()).contains("[field: group]");
  }
}
