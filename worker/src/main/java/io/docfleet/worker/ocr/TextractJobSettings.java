package io.docfleet.worker.ocr;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.time.Duration;

/**
 * How the {@code ocr} stage waits for an asynchronous Textract job: the first poll comes {@code
 * TEXTRACT_POLL_INTERVAL} (5s) after the start, each later one twice as late up to {@code
 * TEXTRACT_POLL_MAX_INTERVAL} (1m); a job still running {@code TEXTRACT_JOB_TIMEOUT} (1h) after it
 * started fails its document; its pages are kept in {@code job:textract:result:<documentId>} for
 * {@code TEXTRACT_RESULT_TTL} (24h).
 */
public record TextractJobSettings(
    Duration pollInterval, Duration maxPollInterval, Duration jobTimeout, Duration resultTtl) {
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_JOB_TIMEOUT = Duration.ofHours(1);
  public static final Duration DEFAULT_RESULT_TTL = Duration.ofHours(24);

  /** How long a job's status and a document's job id are kept: a day, or the job timeout. */
  private static final Duration MIN_RECORD_TTL = Duration.ofHours(24);

  public static TextractJobSettings defaults() {
    return fromEnv(new Env(java.util.Map.of()));
  }

  static TextractJobSettings fromEnv(Env env) {
    Duration interval = positive(env, "TEXTRACT_POLL_INTERVAL", DEFAULT_POLL_INTERVAL);
    Duration max = positive(env, "TEXTRACT_POLL_MAX_INTERVAL", DEFAULT_MAX_POLL_INTERVAL);
    if (max.compareTo(interval) < 0) {
      throw new ConfigException(
          "TEXTRACT_POLL_MAX_INTERVAL: expected at least TEXTRACT_POLL_INTERVAL ("
              + interval.toMillis()
              + "ms), got "
              + max.toMillis()
              + "ms");
    }
    return new TextractJobSettings(
        interval,
        max,
        positive(env, "TEXTRACT_JOB_TIMEOUT", DEFAULT_JOB_TIMEOUT),
        positive(env, "TEXTRACT_RESULT_TTL", DEFAULT_RESULT_TTL));
  }

  /** The wait before poll {@code n} (from 1): the interval, doubled each poll, capped. */
  public Duration delayBeforePoll(long n) {
    Duration delay = pollInterval;
    for (long i = 1; i < n && delay.compareTo(maxPollInterval) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxPollInterval) > 0 ? maxPollInterval : delay;
  }

  /** The TTL of {@code job:textract:status:<jobId>} and {@code idempotent:ocr:<documentId>}. */
  public Duration recordTtl() {
    return jobTimeout.compareTo(MIN_RECORD_TTL) > 0 ? jobTimeout : MIN_RECORD_TTL;
  }

  private static Duration positive(Env env, String variable, Duration defaultValue) {
    Duration value = env.duration(variable, defaultValue);
    if (value.isZero() || value.isNegative()) {
      throw new ConfigException(variable, "a duration above 0", value.toMillis() + "ms");
    }
    return value;
  }
}
