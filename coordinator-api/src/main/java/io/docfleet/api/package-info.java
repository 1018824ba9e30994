/**
 * The coordinator's wiring: {@link io.docfleet.api.CoordinatorMain} reads {@link
 * io.docfleet.api.CoordinatorConfig}, opens {@link io.docfleet.api.CoordinatorResources}, starts
 * the background work and {@link io.docfleet.api.ApiServer}, which gives each feature package
 * ({@code documents}, {@code tasks}, {@code queues}, {@code workers}, {@code cache}, {@code
 * health}, {@code dashboard}, {@code metrics}, and {@code redismonitor}, the one reader of both
 * Redis's figures, which health, metrics and the dashboard use and which serves the Redis monitor's
 * own port) what it needs and serves their routes behind {@code auth}. The features share {@code
 * context} and {@code http}; none of them uses this package.
 */
package io.docfleet.api;
