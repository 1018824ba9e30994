package io.docfleet.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * One Lua script from {@code src/main/resources/io/docfleet/lua}. It is sent as EVALSHA with its
 * SHA-1 computed here once; a server that answers NOSCRIPT (it restarted, or never saw the script)
 * gets the body with SCRIPT LOAD and the call is sent again, so the body crosses the wire once per
 * server. The first key routes the call on a cluster; every key a script touches shares that key's
 * slot.
 *
 * <p>Why not Redisson's own script cache ({@code RScript.evalAsync} with {@code useScriptCache}):
 * it keeps a copy of every encoded argument of every call for a possible NOSCRIPT retry, which on
 * the queue's hot path (scripts with hundreds of arguments) cost the worker more CPU than the call.
 */
public final class LuaScript {
  private static final String INCLUDE = "--! include ";

  private final String name;
  private final String body;
  private final String sha;

  private LuaScript(String name, String body) {
    this.name = name;
    this.body = body;
    this.sha = sha1(body);
  }

  /**
   * Loads {@code io/docfleet/lua/<name>.lua} from the class path; a line {@code --! include <part>}
   * is replaced by {@code io/docfleet/lua/include/<part>.lua} (functions several scripts share,
   * such as the lane an item goes back to).
   */
  public static LuaScript load(String name) {
    StringBuilder body = new StringBuilder();
    for (String line : read("/io/docfleet/lua/" + name + ".lua").lines().toList()) {
      if (line.startsWith(INCLUDE)) {
        String part = line.substring(INCLUDE.length()).strip();
        body.append(read("/io/docfleet/lua/include/" + part + ".lua"));
      } else {
        body.append(line).append('\n');
      }
    }
    return new LuaScript(name, body.toString());
  }

  private static String read(String path) {
    try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing Lua script " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Lua script " + path, e);
    }
  }

  public String name() {
    return name;
  }

  /** The SHA-1 of the body, as EVALSHA names the script. */
  public String sha() {
    return sha;
  }

  /** Runs the script; its reply, or the error Redis answered. */
  public <R> CompletionStage<R> run(
      RedissonClient redis, RScript.ReturnType returns, List<Object> keys, Object... args) {
    RScript script = redis.getScript(StringCodec.INSTANCE);
    String route = (String) keys.get(0);
    return this.<R>evalSha(script, route, returns, keys, args)
        .exceptionallyCompose(
            error ->
                isNoScript(error)
                    ? script
                        .scriptLoadAsync(route, body)
                        .thenCompose(loaded -> evalSha(script, route, returns, keys, args))
                    : CompletableFuture.failedFuture(error));
  }

  private <R> CompletionStage<R> evalSha(
      RScript script, String route, RScript.ReturnType returns, List<Object> keys, Object[] args) {
    return script.evalShaAsync(route, RScript.Mode.READ_WRITE, sha, returns, keys, args);
  }

  /**
   * Adds an EVALSHA of this script to {@code batch} (no body on the wire). A server that does not
   * know the script fails the batch with NOSCRIPT ({@link #isNoScript}): {@link #loadInto} it and
   * send the batch again.
   */
  public <R> RFuture<R> addShaTo(
      RBatch batch, RScript.ReturnType returns, List<Object> keys, Object... args) {
    return batch
        .getScript(StringCodec.INSTANCE)
        .evalShaAsync((String) keys.get(0), RScript.Mode.READ_WRITE, sha, returns, keys, args);
  }

  /** Loads the body into the server that serves {@code route} (SCRIPT LOAD). */
  public CompletionStage<String> loadInto(RedissonClient redis, String route) {
    return redis.getScript(StringCodec.INSTANCE).scriptLoadAsync(route, body);
  }

  /** True when {@code error} is the server's NOSCRIPT answer. */
  static boolean isNoScript(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT");
  }

  private static String sha1(String body) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }
}
