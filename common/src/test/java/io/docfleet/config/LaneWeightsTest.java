package io.docfleet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LaneWeightsTest {

  private static LaneWeights read(String value) {
    return FleetConfig.fromEnv(new Env(Map.of("QUEUE_LANE_WEIGHTS", value))).queue().laneWeights();
  }

  @Test
  void defaultsToEightThreeOne() {
    assertThat(FleetConfig.fromEnv(new Env(Map.of())).queue().laneWeights().wire())
        .isEqualTo("8,3,1");
  }

  @Test
  void readsWeightsStrictAndKeepsTheDefaultOfALaneNotNamed() {
    assertThat(read("high=5, normal=2 ,low=1").wire()).isEqualTo("5,2,1");
    assertThat(read("low=4").wire()).isEqualTo("8,3,4");
    assertThat(read(" Strict ").strict()).isTrue();
    assertThat(read("strict").wire()).isEqualTo("strict");
  }

  @Test
  void aBadValueRefusesStartWithOneLineNamingTheVariable() {
    for (String bad :
        new String[] {"urgent=3", "high=0", "high=x", "high=8,high=2", "high", "high=1001", ","}) {
      assertThatThrownBy(() -> read(bad))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("QUEUE_LANE_WEIGHTS: expected strict, or weights such as")
          .hasMessageNotContaining("\n");
    }
  }
}
