package io.docfleet.webhook;

import io.docfleet.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Docfleet-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, the HMAC
 * keyed with {@code WEBHOOK_SECRET} over {@code "<t>.<body>"} (the body's exact bytes). A receiver
 * recomputes it and compares in constant time, and refuses a {@code t} outside its replay window
 * ({@link #verify}).
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Docfleet-Signature";
  public static final String EVENT_ID_HEADER = "X-Docfleet-Event-Id";

  /** The replay window the docs suggest: a signature older or newer than this is refused. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private WebhookSignature() {}

  /** The header's value for {@code body} sent at {@code at}. */
  public static String header(Secret secret, Instant at, byte[] body) {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + hmac(secret, t, body);
  }

  /**
   * True when {@code header} carries a {@code v1} HMAC of {@code body} under {@code secret} and a
   * {@code t} within {@code tolerance} of {@code now}.
   */
  public static boolean verify(
      String header, byte[] body, Secret secret, Instant now, Duration tolerance) {
    if (header == null) {
      return false;
    }
    Long t = null;
    java.util.List<String> signatures = new java.util.ArrayList<>();
    for (String part : header.split(",")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length != 2) {
        continue;
      }
      if (pair[0].equals("t")) {
        try {
          t = Long.parseLong(pair[1]);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (pair[0].equals("v1")) {
        signatures.add(pair[1]);
      }
    }
    if (t == null || Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = hmac(secret, t, body).getBytes(StandardCharsets.US_ASCII);
    for (String signature : signatures) {
      if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
        return true;
      }
    }
    return false;
  }

  private static String hmac(Secret secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.value().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
