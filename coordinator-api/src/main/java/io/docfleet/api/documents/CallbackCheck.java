package io.docfleet.api.documents;

import io.docfleet.api.http.ApiException;
import io.docfleet.webhook.DestinationCheck;
import io.docfleet.webhook.RefusedDestination;
import io.docfleet.webhook.WebhookSettings;
import java.util.Optional;

/**
 * A submit's {@code callbackUrl} (or a group's), checked before anything is stored: refused with a
 * 400 that says why when the coordinator has no {@code WEBHOOK_SECRET} to sign with, or when the
 * destination is not one a webhook may reach ({@link DestinationCheck}).
 */
public final class CallbackCheck {
  public static final String FIELD = "callbackUrl";

  private final WebhookSettings settings;
  private final DestinationCheck destinations;

  public CallbackCheck(WebhookSettings settings) {
    this.settings = settings;
    this.destinations = settings.destinations();
  }

  /** The callback URL to store with the document, when one was given and may be used. */
  public Optional<String> check(Optional<String> given) {
    if (given.isEmpty()) {
      return given;
    }
    if (settings.secret().isEmpty()) {
      throw ApiException.badRequest(
          FIELD,
          "webhooks are off on this coordinator (WEBHOOK_SECRET is not set): submit without a"
              + " callbackUrl, or ask the operator to set WEBHOOK_SECRET");
    }
    try {
      return Optional.of(destinations.atSubmit(given.get()).toString());
    } catch (RefusedDestination e) {
      throw ApiException.badRequest(FIELD, e.getMessage());
    }
  }
}
