package io.docfleet.worker.extraction;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach OpenAI or any server that speaks its API: {@code OPENAI_API_KEY}, {@code
 * OPENAI_BASE_URL} (default {@value #DEFAULT_BASE_URL}), {@code OPENAI_MODEL} (default {@value
 * #DEFAULT_MODEL}), {@code OPENAI_TIMEOUT} (per request, default 60s) and {@code
 * OPENAI_MAX_INPUT_CHARS} (the most document text one structured request carries, default 100000).
 * The key is a {@link Secret}: it never prints.
 */
public record OpenAiSettings(
    Optional<Secret> apiKey, URI baseUrl, String model, Duration timeout, int maxInputChars) {
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  public static final String DEFAULT_MODEL = "gpt-4o-mini";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_INPUT_CHARS = 100_000;

  static OpenAiSettings fromEnv(Env env) {
    Duration timeout = env.duration("OPENAI_TIMEOUT", DEFAULT_TIMEOUT);
    if (timeout.isZero()) {
      throw new ConfigException("OPENAI_TIMEOUT", "a duration above 0", "0");
    }
    String model = env.string("OPENAI_MODEL", DEFAULT_MODEL);
    if (!model.matches("[A-Za-z0-9._:/\\-]+")) {
      throw new ConfigException("OPENAI_MODEL", "a model name such as gpt-4o-mini", model);
    }
    return new OpenAiSettings(
        env.get("OPENAI_API_KEY").map(Secret::new),
        baseUrl(env.string("OPENAI_BASE_URL", DEFAULT_BASE_URL)),
        model,
        timeout,
        env.positiveInt("OPENAI_MAX_INPUT_CHARS", DEFAULT_MAX_INPUT_CHARS));
  }

  /** The key, which an {@code openai} extractor needs. */
  Secret requireApiKey(String selectedBy) {
    return apiKey.orElseThrow(
        () ->
            new ConfigException(
                "OPENAI_API_KEY: required when "
                    + selectedBy
                    + "=openai (any value for a server that checks none), got nothing"));
  }

  private static URI baseUrl(String value) {
    try {
      URI uri = URI.create(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getUserInfo() == null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ConfigException(
        "OPENAI_BASE_URL",
        "an http:// or https:// URL without credentials, e.g. " + DEFAULT_BASE_URL,
        value.replaceAll("//[^/@]*@", "//****@"));
  }
}
