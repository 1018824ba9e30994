/**
 * The coordinator: HTTP API, dashboard and background work. Built in a later step; the module
 * exists so the build layout is final.
 */
package io.docfleet.api;
