package io.docfleet.worker.ocr;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach Textract: {@code AWS_REGION} (required for {@code OCR_ENGINE=textract}), {@code
 * AWS_ENDPOINT_URL_TEXTRACT} (another endpoint, e.g. a local stub) and {@code TEXTRACT_TIMEOUT}
 * (per call, default 60s). Credentials come from the AWS SDK's default chain and are never read
 * here.
 */
public record TextractSettings(Optional<String> region, Optional<URI> endpoint, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  static TextractSettings fromEnv(Env env) {
    Optional<String> region = env.get("AWS_REGION");
    region.ifPresent(
        r -> {
          if (!r.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new ConfigException("AWS_REGION", "an AWS region such as eu-west-1", r);
          }
        });
    Optional<URI> endpoint =
        env.get("AWS_ENDPOINT_URL_TEXTRACT").map(v -> httpUrl("AWS_ENDPOINT_URL_TEXTRACT", v));
    Duration timeout = env.duration("TEXTRACT_TIMEOUT", DEFAULT_TIMEOUT);
    if (timeout.isZero()) {
      throw new ConfigException("TEXTRACT_TIMEOUT", "a duration above 0", "0");
    }
    return new TextractSettings(region, endpoint, timeout);
  }

  /** The region, which Textract needs. */
  String requireRegion() {
    return region.orElseThrow(
        () ->
            new ConfigException(
                "AWS_REGION: required when OCR_ENGINE=textract (e.g. eu-west-1), got nothing"));
  }

  static URI httpUrl(String variable, String value) {
    try {
      URI uri = URI.create(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ConfigException(variable, "an http:// or https:// URL", value);
  }
}
