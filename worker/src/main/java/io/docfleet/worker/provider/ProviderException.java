package io.docfleet.worker.provider;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A failure of an OCR engine or an extractor, typed by what the caller should do: {@link Retryable}
 * (throttling, 429, 5xx, timeouts: try again later with backoff), {@link Permanent} (bad input,
 * other 4xx: trying again cannot help), or {@link OverRateLimit} (the fleet's own limit held the
 * call back before it was sent: wait and ask again, which is no failure). The message names the
 * provider and what was wrong; it never carries credentials.
 */
public abstract sealed class ProviderException extends Exception
    permits ProviderException.Retryable,
        ProviderException.Permanent,
        ProviderException.OverRateLimit {

  private final String provider;
  private transient List<ProviderUsage> billed = List.of();

  private ProviderException(String provider, String message, Throwable cause) {
    super(provider + ": " + message, cause);
    this.provider = provider;
  }

  /** The engine or extractor that failed, e.g. {@code textract} or {@code openai}. */
  public String provider() {
    return provider;
  }

  /**
   * The calls the provider billed before this failure (a reply it answered and charged for, that
   * could not be used): the spend ledger records them all the same.
   */
  public List<ProviderUsage> billed() {
    return billed;
  }

  /** This failure, after calls that billed {@code usage}. */
  public ProviderException billed(List<ProviderUsage> usage) {
    this.billed = List.copyOf(usage);
    return this;
  }

  /** True when the same call may succeed later. */
  public abstract boolean retryable();

  public static Retryable retryable(String provider, String message) {
    return new Retryable(provider, message, null);
  }

  public static Retryable retryable(String provider, String message, Throwable cause) {
    return new Retryable(provider, message, cause);
  }

  public static Permanent permanent(String provider, String message) {
    return new Permanent(provider, message, null);
  }

  public static Permanent permanent(String provider, String message, Throwable cause) {
    return new Permanent(provider, message, cause);
  }

  /** The call was not sent: the fleet-wide limit of {@code operation} is used up for now. */
  public static OverRateLimit overRateLimit(
      String provider, String operation, Duration retryAfter) {
    return new OverRateLimit(provider, operation, retryAfter);
  }

  /**
   * Classifies an HTTP status: 408, 409, 425, 429 and 5xx may pass later, any other status will
   * not.
   */
  public static ProviderException forHttpStatus(
      String provider, int status, String detail, Throwable cause) {
    String message = "HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail);
    return isRetryableStatus(status)
        ? new Retryable(provider, message, cause)
        : new Permanent(provider, message, cause);
  }

  public static boolean isRetryableStatus(int status) {
    return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
  }

  /** The failure's cause when it came from a library, for logs; never shown to users. */
  public Optional<Throwable> underlying() {
    return Optional.ofNullable(getCause());
  }

  /** May pass later: throttled, the provider's fault, or a timeout. */
  public static final class Retryable extends ProviderException {
    private Retryable(String provider, String message, Throwable cause) {
      super(provider, message, cause);
    }

    @Override
    public boolean retryable() {
      return true;
    }
  }

  /** Cannot pass: the input or the request is wrong. */
  public static final class Permanent extends ProviderException {
    private Permanent(String provider, String message, Throwable cause) {
      super(provider, message, cause);
    }

    @Override
    public boolean retryable() {
      return false;
    }
  }

  /**
   * Held back by the fleet's rate limit ({@code RATE_LIMIT_<PROVIDER>_<OPERATION>}) before anything
   * was sent: the task waits about {@link #retryAfter} and asks again, without using an attempt.
   */
  public static final class OverRateLimit extends ProviderException {
    private final Duration retryAfter;

    private OverRateLimit(String provider, String operation, Duration retryAfter) {
      super(
          provider,
          operation + " is over the fleet's rate limit; waiting " + retryAfter.toMillis() + " ms",
          null);
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }

    @Override
    public boolean retryable() {
      return true;
    }
  }
}
