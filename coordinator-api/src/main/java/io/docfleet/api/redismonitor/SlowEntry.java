package io.docfleet.api.redismonitor;

import java.time.Instant;

/**
 * One command of a Redis's slow log, as the monitor shows it: never its values. {@code argument} is
 * the first argument (a key for most commands, a script's SHA for {@code EVALSHA}), cut to {@value
 * SlowLog#SHOWN_CHARS} characters, or null where even that could be a secret ({@code AUTH}, {@code
 * CONFIG}...); the rest, which may be a task's payload or a cached result, is only counted ({@code
 * arguments}, every argument after the command's name).
 */
public record SlowEntry(
    long id,
    Instant at,
    long durationMicros,
    String command,
    String argument,
    int arguments,
    String client) {}
