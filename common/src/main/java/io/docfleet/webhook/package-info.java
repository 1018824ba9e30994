/**
 * Completion webhooks: the settings ({@code WEBHOOK_*}), the check of a destination against the
 * allow list, the event a document's final state makes, the {@code webhook} task that carries it,
 * and the signature a receiver verifies.
 */
package io.docfleet.webhook;
