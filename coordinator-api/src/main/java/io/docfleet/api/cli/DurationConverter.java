package io.docfleet.api.cli;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as the configuration writes them: {@code 500ms}, {@code 2s}, {@code 1m}; bare = s. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    Duration duration;
    try {
      duration = Env.parseDuration("duration", value);
    } catch (ConfigException e) {
      throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 2s, 1m");
    }
    if (duration.isZero()) {
      throw new TypeConversionException("the duration must be above zero");
    }
    return duration;
  }
}
