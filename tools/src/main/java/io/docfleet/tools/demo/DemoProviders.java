package io.docfleet.tools.demo;

import io.docfleet.tools.demo.DemoSpend.RoundSpend;
import io.docfleet.tools.standins.Served;
import io.docfleet.tools.standins.StandIns;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The pipeline demo's paid providers and its spend ending. By default there are none (the local
 * engines); with {@code --stand-ins} an OpenAI and a Textract stand-in run in this JVM on loopback
 * ({@link StandIns}) and the workers' engines are pointed at them, so round 1 costs real money in
 * the ledger, and the ending checks the ledger against what they served.
 *
 * <p>Lifecycle: {@link #configure} before the workers start; {@link #firstRoundEnded}; {@link
 * #printSpend} after round 2; {@link #close} stops the stand-ins.
 */
final class DemoProviders implements AutoCloseable {
  private final Optional<StandIns> standIns;
  private Served inFirst = Served.NOTHING;

  private DemoProviders(Optional<StandIns> standIns) {
    this.standIns = standIns;
  }

  /** The local engines, or the stand-ins when {@code standIns}. */
  static DemoProviders of(boolean standIns) {
    return new DemoProviders(standIns ? Optional.of(StandIns.start()) : Optional.empty());
  }

  /** Points the run's engines at the stand-ins, if any, and says where they listen. */
  void configure(Map<String, String> runEnvironment, DemoConsole console) {
    standIns.ifPresent(
        s -> {
          s.configure(runEnvironment);
          console.line("stand-ins:   " + s.describe() + " (in this JVM; dummy keys)");
        });
  }

  /** Notes what the stand-ins served during round 1. */
  void firstRoundEnded() {
    inFirst = standIns.map(StandIns::served).orElse(Served.NOTHING);
  }

  /**
   * Prints round 1's spend and round 2's savings from the ledger, and with stand-ins whether they
   * match what the stand-ins served; returns false on a mismatch.
   */
  boolean printSpend(
      DemoConsole console,
      DataSource ledger,
      LocalDate started,
      Map<String, String> environment,
      DemoRound second) {
    RoundSpend first = DemoSpend.read(ledger, started, Clock.systemUTC(), "r1-");
    RoundSpend again = DemoSpend.read(ledger, started, Clock.systemUTC(), "r2-");
    console.line(
        DemoSpend.line(first, again, second.cacheHits(), DemoSpend.localEngines(environment)));
    if (standIns.isEmpty()) {
      return true;
    }
    Served inSecond = standIns.get().served().minus(inFirst);
    List<String> mismatches = SpendCheck.mismatches(first, again, inFirst, inSecond);
    console.line(SpendCheck.line(mismatches, again, inFirst));
    return mismatches.isEmpty();
  }

  @Override
  public void close() {
    standIns.ifPresent(StandIns::close);
  }
}
