/**
 * What the coordinator's features share ({@link io.docfleet.api.context.ApiContext}). It uses no
 * feature package and not the root package, so every feature may use it without a cycle.
 */
package io.docfleet.api.context;
