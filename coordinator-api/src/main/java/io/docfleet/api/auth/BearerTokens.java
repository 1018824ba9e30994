package io.docfleet.api.auth;

import io.docfleet.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The API tokens of {@code COORDINATOR_API_TOKENS}, kept only as SHA-256 digests. A presented token
 * is hashed and compared with every digest in constant time ({@link MessageDigest#isEqual}), all of
 * them each time, so neither the answer time nor an early exit tells how much of a token matched or
 * which one did.
 */
public final class BearerTokens {
  private final List<byte[]> digests;

  public BearerTokens(List<Secret> tokens) {
    List<byte[]> hashed = new ArrayList<>(tokens.size());
    tokens.forEach(token -> hashed.add(sha256(token.value())));
    this.digests = List.copyOf(hashed);
  }

  public boolean isEmpty() {
    return digests.isEmpty();
  }

  /** True when {@code presented} is one of the tokens. */
  public boolean accepts(String presented) {
    if (presented == null || presented.isEmpty()) {
      return false;
    }
    byte[] candidate = sha256(presented);
    boolean match = false;
    for (byte[] digest : digests) {
      match |= MessageDigest.isEqual(digest, candidate);
    }
    return match;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "BearerTokens[" + digests.size() + " token(s)]";
  }
}
