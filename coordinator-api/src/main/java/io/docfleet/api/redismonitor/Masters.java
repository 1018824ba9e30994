package io.docfleet.api.redismonitor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.RedisCommand;
import org.redisson.command.CommandAsyncExecutor;
import org.redisson.connection.MasterSlaveEntry;

/**
 * Sends a command to each master of one Redis client, and to the master itself (never a replica):
 * the one on a single Redis or behind sentinels, every one of a Cluster. Server figures ({@code
 * INFO}, {@code CLIENT LIST}, {@code DBSIZE}, {@code SLOWLOG}) and {@code SCAN} are each master's
 * own, so this is how they are read. Each reply is awaited at most {@value #WAIT_SECONDS} s.
 *
 * <p>Redisson has no public way to address one master, so this goes through its command executor,
 * as its own key scans do.
 */
final class Masters {
  static final long WAIT_SECONDS = 2;

  private final CommandAsyncExecutor executor;

  private Masters(CommandAsyncExecutor executor) {
    this.executor = executor;
  }

  static Masters of(RedissonClient redis) {
    if (!(redis instanceof Redisson redisson)) {
      throw new IllegalStateException("reading a server's figures needs Redisson's own client");
    }
    return new Masters(redisson.getCommandExecutor());
  }

  /** The masters known now; failing when none is (the sentinels or the cluster do not answer). */
  List<MasterSlaveEntry> list() {
    Collection<MasterSlaveEntry> entries = executor.getConnectionManager().getEntrySet();
    if (entries.isEmpty()) {
      throw new IllegalStateException("no Redis master is known");
    }
    return new ArrayList<>(entries);
  }

  /** Sends {@code command} to {@code master}, without waiting. */
  <T, R> CompletableFuture<R> send(
      MasterSlaveEntry master, RedisCommand<T> command, Object... args) {
    return executor
        .<T, R>readAsync(master.getClient(), master, StringCodec.INSTANCE, command, args)
        .toCompletableFuture();
  }

  /** Sends {@code command} to every master; the replies in the order of {@link #list}. */
  <T, R> List<R> each(RedisCommand<T> command, Object... args) throws Exception {
    List<CompletableFuture<R>> sent = new ArrayList<>();
    for (MasterSlaveEntry master : list()) {
      sent.add(this.<T, R>send(master, command, args));
    }
    List<R> replies = new ArrayList<>(sent.size());
    for (CompletableFuture<R> reply : sent) {
      replies.add(await(reply, WAIT_SECONDS));
    }
    return replies;
  }

  /** The reply within {@code seconds}; its own error, not a wrapper, when it failed. */
  static <R> R await(CompletableFuture<R> reply, long seconds) throws Exception {
    try {
      return reply.get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      reply.cancel(false);
      throw new TimeoutException("no reply within " + seconds + " s");
    }
  }
}
