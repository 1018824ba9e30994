package io.docfleet.api.documents;

import io.docfleet.webhook.WebhookSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * How documents come in: the check of a named source, where uploads are stored (none: uploads are
 * refused, sources still work) and how large one may be ({@code COORDINATOR_MAX_UPLOAD_BYTES}), and
 * how long an idempotent submit's answer is kept ({@code COORDINATOR_IDEMPOTENCY_TTL}), and how a
 * {@code callbackUrl} is checked ({@code WEBHOOK_*}).
 */
public record DocumentIntake(
    SourceCheck sources,
    Optional<UploadStore> uploadStore,
    long maxUploadBytes,
    Duration idempotencyTtl,
    WebhookSettings webhooks) {}
