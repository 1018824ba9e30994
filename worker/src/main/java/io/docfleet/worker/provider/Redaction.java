package io.docfleet.worker.provider;

import io.docfleet.config.Secret;
import java.util.regex.Pattern;

/** Removes credentials from text that may reach an error message or a log. */
public final class Redaction {
  private static final Pattern API_KEY_LIKE = Pattern.compile("sk-[A-Za-z0-9_*\\-]{6,}");
  private static final Pattern AWS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA|AKID)[A-Z0-9]{8,}\\b");

  private Redaction() {}

  /** The text with the secret's value and anything shaped like an OpenAI or AWS key replaced. */
  public static String redact(String text, Secret secret) {
    if (text == null) {
      return "";
    }
    String cleaned = secret == null ? text : text.replace(secret.value(), "****");
    cleaned = API_KEY_LIKE.matcher(cleaned).replaceAll("sk-****");
    return AWS_KEY_ID.matcher(cleaned).replaceAll("****");
  }
}
