package io.docfleet.api;

import io.docfleet.api.auth.ApiToken;
import io.docfleet.api.background.BackgroundSettings;
import io.docfleet.api.dashboard.DashboardSettings;
import io.docfleet.api.documents.UploadSettings;
import io.docfleet.api.redismonitor.RedisMonitorSettings;
import io.docfleet.cache.CacheSettings;
import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.source.SourceSettings;
import io.docfleet.spend.Budgets;
import io.docfleet.store.DatabaseSettings;
import io.docfleet.webhook.WebhookSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The coordinator's configuration, read once from the environment the workers use ({@code
 * REDIS_URL}, {@code DATABASE_URL}, {@code DOCFLEET_FILE_ROOTS}...) plus its own {@code
 * COORDINATOR_*} variables and the Redis monitor's ({@code REDIS_MONITOR_*}). A bad value fails at
 * start-up naming the variable. Tokens are {@link ApiToken}s ({@code name:token} or a bare token)
 * holding secrets: printing the record never shows them.
 */
public record CoordinatorConfig(
    String host,
    int port,
    List<ApiToken> tokens,
    boolean readAuth,
    boolean contentAuth,
    long maxBodyBytes,
    long maxUploadBytes,
    Duration idempotencyTtl,
    int maxStreams,
    UploadSettings uploads,
    FleetConfig fleet,
    DatabaseSettings database,
    SourceSettings sources,
    CacheSettings cache,
    BackgroundSettings background,
    DashboardSettings dashboard,
    RedisMonitorSettings redisMonitor,
    WebhookSettings webhooks,
    Budgets budgets) {

  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final Duration DEFAULT_IDEMPOTENCY_TTL = Duration.ofHours(24);
  public static final int DEFAULT_MAX_STREAMS = 100;

  public CoordinatorConfig {
    tokens = List.copyOf(tokens);
  }

  /** Reads the whole configuration; throws {@link ConfigException} on the first bad value. */
  public static CoordinatorConfig fromEnv(Env env) {
    SourceSettings sources = SourceSettings.fromEnv(env);
    int port = env.positiveInt("COORDINATOR_PORT", DEFAULT_PORT);
    if (port > 65535) {
      throw new ConfigException(
          "COORDINATOR_PORT", "a port from 1 to 65535", Integer.toString(port));
    }
    Duration ttl = env.duration("COORDINATOR_IDEMPOTENCY_TTL", DEFAULT_IDEMPOTENCY_TTL);
    if (ttl.isZero()) {
      throw new ConfigException("COORDINATOR_IDEMPOTENCY_TTL", "a duration above 0", "0");
    }
    RedisMonitorSettings redisMonitor = RedisMonitorSettings.fromEnv(env);
    if (redisMonitor.enabled() && redisMonitor.port() == port) {
      throw new ConfigException(
          "REDIS_MONITOR_PORT",
          "a port other than COORDINATOR_PORT (" + port + ") while REDIS_MONITOR_ENABLED=true",
          Integer.toString(redisMonitor.port()));
    }
    boolean readAuth = env.bool("COORDINATOR_READ_AUTH", false);
    boolean contentAuth = env.bool("COORDINATOR_CONTENT_AUTH", true);
    if (readAuth && !contentAuth) {
      throw new ConfigException(
          "COORDINATOR_CONTENT_AUTH",
          "true while COORDINATOR_READ_AUTH=true (every read then needs a token)",
          "false");
    }
    return new CoordinatorConfig(
        env.string("COORDINATOR_HOST", "0.0.0.0"),
        port,
        tokens(env.list("COORDINATOR_API_TOKENS", List.of())),
        readAuth,
        contentAuth,
        env.positiveInt("COORDINATOR_MAX_BODY_BYTES", (int) DEFAULT_MAX_BODY_BYTES),
        env.positiveInt("COORDINATOR_MAX_UPLOAD_BYTES", (int) sources.maxDocumentBytes()),
        ttl,
        env.positiveInt("COORDINATOR_MAX_STREAMS", DEFAULT_MAX_STREAMS),
        UploadSettings.fromEnv(env, sources.fileRoots()),
        FleetConfig.fromEnv(env),
        DatabaseSettings.fromEnv(env),
        sources,
        CacheSettings.fromEnv(env),
        BackgroundSettings.fromEnv(env),
        DashboardSettings.fromEnv(env),
        redisMonitor,
        WebhookSettings.fromEnv(env),
        Budgets.fromEnv(env));
  }

  private static List<ApiToken> tokens(List<String> entries) {
    List<ApiToken> tokens = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      tokens.add(ApiToken.parse(entries.get(i), i + 1));
    }
    return tokens;
  }
}
