package io.docfleet.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where and how to reach Redis: the mode, the node addresses (without credentials), TLS, the
 * database, the credentials and the connection pool. Read from {@code REDIS_URL}, {@code
 * REDIS_MODE}, {@code REDIS_NODES}, {@code REDIS_SENTINEL_MASTER}, {@code REDIS_USERNAME}, {@code
 * REDIS_PASSWORD}, the aliases {@code REDIS_CLUSTER_ENABLED} and {@code REDIS_CLUSTER_NODES}, and
 * the {@code REDIS_POOL_*} variables ({@link RedisPoolSettings}).
 */
public record RedisSettings(
    Mode mode,
    List<String> nodes,
    boolean tls,
    int database,
    String sentinelMaster,
    Optional<String> username,
    Optional<Secret> password,
    RedisPoolSettings pool) {

  public static final String DEFAULT_URL = "redis://127.0.0.1:6379";

  /** How the fleet reaches Redis. */
  public enum Mode {
    SINGLE,
    SENTINEL,
    CLUSTER
  }

  public RedisSettings {
    nodes = List.copyOf(nodes);
  }

  /** The first node's address, as Redisson takes it ({@code redis://host:port}). */
  public String primaryAddress() {
    return nodes.get(0);
  }

  /** Reads the queue instance's settings. */
  public static RedisSettings fromEnv(Env env) {
    return fromEnv(env, "REDIS_URL");
  }

  /** Reads settings whose URL comes from {@code urlVariable} (the cache may have its own). */
  public static RedisSettings fromEnv(Env env, String urlVariable) {
    String url = env.string(urlVariable, DEFAULT_URL);
    ParsedUrl parsed = ParsedUrl.parse(urlVariable, url);

    Mode mode = env.choice("REDIS_MODE", Mode.class, Mode.SINGLE);
    if (env.get("REDIS_MODE").isEmpty() && env.bool("REDIS_CLUSTER_ENABLED", false)) {
      mode = Mode.CLUSTER;
    }
    String nodesVariable =
        env.get("REDIS_NODES").isPresent() || env.get("REDIS_CLUSTER_NODES").isEmpty()
            ? "REDIS_NODES"
            : "REDIS_CLUSTER_NODES";
    List<String> nodes = new ArrayList<>();
    for (String node : env.list(nodesVariable, List.of())) {
      nodes.add(ParsedUrl.parseNode(nodesVariable, node, parsed.tls()).address());
    }
    if (nodes.isEmpty()) {
      nodes.add(parsed.address());
    }
    String master = env.string("REDIS_SENTINEL_MASTER", "mymaster");
    Optional<String> username = env.get("REDIS_USERNAME").or(parsed::username);
    Optional<Secret> password = env.get("REDIS_PASSWORD").map(Secret::new).or(parsed::password);
    return new RedisSettings(
        mode,
        nodes,
        parsed.tls(),
        parsed.database(),
        master,
        username,
        password,
        RedisPoolSettings.fromEnv(env));
  }

  /** A Redis URL split into an address without credentials, TLS, database and credentials. */
  record ParsedUrl(
      String address,
      boolean tls,
      int database,
      Optional<String> username,
      Optional<Secret> password) {

    private static final String ACCEPTS =
        "redis://[user:password@]host:port[/db] or rediss://... for TLS";

    static ParsedUrl parse(String variable, String url) {
      URI uri;
      try {
        uri = new URI(url.trim());
      } catch (URISyntaxException e) {
        throw new ConfigException(variable, ACCEPTS, redact(url));
      }
      String scheme = uri.getScheme();
      if (!"redis".equals(scheme) && !"rediss".equals(scheme) || uri.getHost() == null) {
        throw new ConfigException(variable, ACCEPTS, redact(url));
      }
      boolean tls = "rediss".equals(scheme);
      int port = uri.getPort() < 0 ? 6379 : uri.getPort();
      int database = 0;
      String path = uri.getPath();
      if (path != null && path.length() > 1) {
        try {
          database = Integer.parseInt(path.substring(1));
        } catch (NumberFormatException e) {
          throw new ConfigException(variable, ACCEPTS + " (db is a number)", redact(url));
        }
      }
      Optional<String> username = Optional.empty();
      Optional<Secret> password = Optional.empty();
      String userInfo = uri.getRawUserInfo();
      if (userInfo != null && !userInfo.isEmpty()) {
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String pass = colon < 0 ? "" : userInfo.substring(colon + 1);
        username = Optional.of(decode(user)).filter(u -> !u.isEmpty());
        password = Optional.of(decode(pass)).filter(p -> !p.isEmpty()).map(Secret::new);
      }
      String host = uri.getHost();
      String address = (tls ? "rediss://" : "redis://") + host + ":" + port;
      return new ParsedUrl(address, tls, database, username, password);
    }

    static ParsedUrl parseNode(String variable, String node, boolean tls) {
      String url = node.contains("://") ? node : (tls ? "rediss://" : "redis://") + node;
      return parse(variable, url);
    }

    /** The URL with any password replaced, for error messages. */
    static String redact(String url) {
      return url.replaceAll("//([^:/@]*):[^@/]*@", "//$1:****@");
    }

    private static String decode(String value) {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
  }
}
