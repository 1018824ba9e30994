package io.docfleet.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerUsageTest {
  private static final String COMMANDSTATS =
      """
      # Commandstats\r
      cmdstat_evalsha:calls=300,usec=1500,usec_per_call=5.00,rejected_calls=0,failed_calls=0\r
      cmdstat_lrem:calls=100,usec=200,usec_per_call=2.00,rejected_calls=0,failed_calls=0\r
      cmdstat_hmget:calls=12,usec=24,usec_per_call=2.00,rejected_calls=0,failed_calls=0\r
      cmdstat_config|resetstat:calls=1,usec=90,usec_per_call=90.00,rejected_calls=0,failed_calls=0\r
      cmdstat_info:calls=3,usec=60,usec_per_call=20.00,rejected_calls=0,failed_calls=0\r
      """;

  @Test
  void parsesCallsAndTimePerCommand() {
    Map<String, ServerUsage.CommandCount> commands = ServerUsage.parseCommandStats(COMMANDSTATS);

    assertThat(commands.get("evalsha")).isEqualTo(new ServerUsage.CommandCount(300, 1500));
    assertThat(commands).containsKey("config|resetstat");
  }

  @Test
  void leavesOutWhatTheBenchmarkSentItself() {
    ServerUsage usage =
        new ServerUsage(ServerUsage.parseCommandStats(COMMANDSTATS), 1000, 50)
            .withoutBenchmark(Map.of("hmget", 12L));

    assertThat(usage.commands()).containsOnlyKeys("evalsha", "lrem");
    assertThat(usage.totalCalls()).isEqualTo(400);
    assertThat(usage.scriptCalls()).isEqualTo(300);
  }

  @Test
  void theCountsOfSeveralServersAddUp() {
    ServerUsage.CommandCount one = new ServerUsage.CommandCount(300, 1500);

    assertThat(one.plus(new ServerUsage.CommandCount(100, 700)))
        .isEqualTo(new ServerUsage.CommandCount(400, 2200));
  }

  @Test
  void aQueuedMillionIsTheListGrowthPerTaskTimesAMillion() {
    QueuedMemory memory = new QueuedMemory(8_400_000, 8_000_000);

    assertThat(memory.mibPerMillion(100_000)).isCloseTo(80.1, within(0.05));
    assertThat(memory.datasetMibPerMillion(100_000)).isCloseTo(76.3, within(0.05));
  }

  @Test
  void readsOneFieldOfAnInfoSection() {
    assertThat(
            ServerUsage.field(
                "# CPU\r\nused_cpu_sys:1.500000\r\nused_cpu_user:2.25\r\n", "used_cpu_user"))
        .isEqualTo(2.25);
  }
}
