/**
 * The coordinator: an HTTP API over the fleet's queues, workers, documents and cache. {@link
 * io.docfleet.api.CoordinatorMain} reads {@link io.docfleet.api.CoordinatorConfig}, opens {@link
 * io.docfleet.api.CoordinatorResources} and starts {@link io.docfleet.api.ApiServer}; each feature
 * package ({@code documents}, {@code tasks}, {@code queues}, {@code workers}, {@code cache}, {@code
 * health}) contributes its routes, and {@code auth} guards them. The dashboard, CLI, metrics and
 * background work come later and plug in the same way.
 */
package io.docfleet.api;
