package io.docfleet.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupResultsTest {

  private static GroupResults limitRun(int limit, int most) {
    GroupConcurrency seen = new GroupConcurrency(Map.of("g1", most, "g2", 1), 2_000, 0);
    return new GroupResults(
        Optional.empty(), Optional.of(new GroupResults.Limit(limit, 3, 2_000, 512.4, seen, 0)));
  }

  private static String printed(GroupResults results) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    results.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void saysTheLimitWasNeverExceededWhenNoGroupWentPastIt() {
    assertThat(printed(limitRun(4, 4)))
        .startsWith("group limit: 2000 tasks of 4 groups, every group limited to 4")
        .contains("(never exceeded)")
        .contains("512 tasks/s")
        .contains("2000 of 2000 delivered; 0 delivered twice, 0 retried");
  }

  @Test
  void flagsAGroupPastItsLimitInTheLineAndTheJson() {
    ObjectNode root = new ObjectMapper().createObjectNode();

    limitRun(4, 5).addTo(root);

    assertThat(printed(limitRun(4, 5))).contains("(EXCEEDED)");
    assertThat(root.path("group_limit").path("limit_exceeded").asBoolean()).isTrue();
    assertThat(root.path("group_limit").path("most_in_progress").path("g1").asInt()).isEqualTo(5);
    assertThat(root.has("group_fairness")).isFalse();
  }

  @Test
  void printsAFairnessRunsCountsAndLatency() {
    GroupFairness seen =
        new GroupFairness(20, 35, 9, 1_765, new LatencySummary(20, 51, 120, 120), 0, 0);
    GroupResults results =
        new GroupResults(
            Optional.of(new GroupResults.Fairness(2_000, 1, 16, seen, 0)), Optional.empty());

    assertThat(printed(results))
        .contains("35 of a's completed between b's submit and b's last completion")
        .contains("(9 of them started before b's submit), 1765 after")
        .contains("p50 51, max 120");
    assertThat(printed(GroupResults.none())).isEmpty();
  }
}
