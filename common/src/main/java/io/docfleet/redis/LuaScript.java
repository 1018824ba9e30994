package io.docfleet.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * One Lua script from {@code src/main/resources/io/docfleet/lua}. Redisson's script cache sends it
 * as EVALSHA and loads it on NOSCRIPT, so the body crosses the wire once per server. The first key
 * routes the call on a cluster; every key a script touches shares that key's slot.
 */
public final class LuaScript {
  private final String name;
  private final String body;

  private LuaScript(String name, String body) {
    this.name = name;
    this.body = body;
  }

  /** Loads {@code io/docfleet/lua/<name>.lua} from the class path. */
  public static LuaScript load(String name) {
    String path = "/io/docfleet/lua/" + name + ".lua";
    try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing Lua script " + path);
      }
      return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Lua script " + path, e);
    }
  }

  public String name() {
    return name;
  }

  public <R> RFuture<R> run(
      RedissonClient redis, RScript.ReturnType returns, List<Object> keys, Object... args) {
    RScript script = redis.getScript(StringCodec.INSTANCE);
    return script.evalAsync(
        (String) keys.get(0), RScript.Mode.READ_WRITE, body, returns, keys, args);
  }

  /** Adds a call of this script to {@code batch}; it is sent when the batch is executed. */
  public <R> RFuture<R> addTo(
      RBatch batch, RScript.ReturnType returns, List<Object> keys, Object... args) {
    return batch
        .getScript(StringCodec.INSTANCE)
        .evalAsync((String) keys.get(0), RScript.Mode.READ_WRITE, body, returns, keys, args);
  }
}
