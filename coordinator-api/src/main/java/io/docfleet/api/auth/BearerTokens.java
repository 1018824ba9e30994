package io.docfleet.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API tokens of {@code COORDINATOR_API_TOKENS}, kept only as SHA-256 digests beside their
 * names. A presented token is hashed and compared with every digest in constant time ({@link
 * MessageDigest#isEqual}), all of them each time, so neither the answer time nor an early exit
 * tells how much of a token matched or which one did.
 */
public final class BearerTokens {
  private record Entry(byte[] digest, Caller caller) {}

  private final List<Entry> entries;

  public BearerTokens(List<ApiToken> tokens) {
    List<Entry> hashed = new ArrayList<>(tokens.size());
    tokens.forEach(t -> hashed.add(new Entry(sha256(t.token().value()), new Caller(t.name()))));
    this.entries = List.copyOf(hashed);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** True when {@code presented} is one of the tokens. */
  public boolean accepts(String presented) {
    return identify(presented).isPresent();
  }

  /** The caller {@code presented} is the token of, or empty when it is none of the tokens. */
  public Optional<Caller> identify(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] candidate = sha256(presented);
    Caller found = null;
    for (Entry entry : entries) {
      boolean match = MessageDigest.isEqual(entry.digest(), candidate);
      found = match && found == null ? entry.caller() : found;
    }
    return Optional.ofNullable(found);
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
    return "BearerTokens[" + entries.size() + " token(s)]";
  }
}
