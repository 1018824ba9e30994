package io.docfleet.cache;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet-wide rate of each provider operation, from {@code RATE_LIMIT_<PROVIDER>_<OPERATION>}
 * ({@code RATE_LIMIT_OPENAI_CHAT=50} is 50 calls a second; {@code 600/m}, {@code 1000/1h} name the
 * interval). An operation without a variable, or with {@code 0}, is unlimited.
 */
public record RateLimits(Map<String, Rate> rates) {
  private static final String ACCEPTS =
      "calls per second (50), or per interval (600/m, 1000/1h); 0 for unlimited";

  /** {@code permits} calls in any {@code interval}. */
  public record Rate(long permits, Duration interval) {
    /** The mean time between two permits: how long a caller over the limit should wait. */
    public Duration spacing() {
      return interval.dividedBy(permits);
    }
  }

  public RateLimits {
    rates = Map.copyOf(rates);
  }

  /** No limits at all. */
  public static RateLimits none() {
    return new RateLimits(Map.of());
  }

  /** The rate of an operation; empty when it is unlimited. */
  public Optional<Rate> rate(Provider provider, String operation) {
    return Optional.ofNullable(rates.get(name(provider, operation)));
  }

  static String name(Provider provider, String operation) {
    return provider.wireName() + ":" + operation.toLowerCase(Locale.ROOT);
  }

  static RateLimits fromEnv(Env env) {
    Map<String, Rate> rates = new HashMap<>();
    for (Provider provider : Provider.values()) {
      String prefix = "RATE_LIMIT_" + provider.name() + "_";
      env.startingWith(prefix)
          .forEach(
              (variable, value) -> {
                String operation = variable.substring(prefix.length());
                if (operation.isEmpty()) {
                  throw new ConfigException(variable, prefix + "<OPERATION>=" + ACCEPTS, value);
                }
                parse(variable, value)
                    .ifPresent(rate -> rates.put(name(provider, operation), rate));
              });
    }
    return new RateLimits(rates);
  }

  static Optional<Rate> parse(String variable, String value) {
    int slash = value.indexOf('/');
    String count = slash < 0 ? value : value.substring(0, slash);
    long permits;
    try {
      permits = Long.parseLong(count.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(variable, ACCEPTS, value);
    }
    if (permits < 0) {
      throw new ConfigException(variable, ACCEPTS, value);
    }
    Duration interval = Duration.ofSeconds(1);
    if (slash >= 0) {
      String unit = value.substring(slash + 1).trim();
      if (unit.isEmpty()) {
        throw new ConfigException(variable, ACCEPTS, value);
      }
      String amount = Character.isDigit(unit.charAt(0)) ? unit : "1" + unit;
      try {
        interval = Env.parseDuration(variable, amount);
      } catch (ConfigException e) {
        throw new ConfigException(variable, ACCEPTS, value);
      }
      if (interval.isZero()) {
        throw new ConfigException(variable, ACCEPTS, value);
      }
    }
    return permits == 0 ? Optional.empty() : Optional.of(new Rate(permits, interval));
  }
}
