package io.docfleet.api.redismonitor;

import io.docfleet.logging.LogSafe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redisson.api.RedissonClient;
import org.redisson.client.protocol.RedisCommand;
import org.redisson.client.protocol.decoder.ObjectListReplayDecoder;

/**
 * Reads the newest {@value #ENTRIES} entries of a Redis's slow log ({@code SLOWLOG GET}, on every
 * master, newest first) and keeps of each only what shows where time went without showing data: the
 * command, its first argument cut short, how many arguments it had, and the client's name (the
 * fleet names its clients, {@code docfleet-worker-<id>}...), not its address. See {@link
 * SlowEntry}.
 */
final class SlowLog {
  static final int ENTRIES = 10;
  static final int SHOWN_CHARS = 64;

  /** Commands whose arguments may hold a password: only their name is shown. */
  static final Set<String> NAME_ONLY = Set.of("AUTH", "HELLO", "MIGRATE", "CONFIG", "ACL");

  private static final RedisCommand<List<Object>> SLOWLOG_GET =
      new RedisCommand<>("SLOWLOG", "GET", new ObjectListReplayDecoder<>());

  /** How Redis ends an entry it cut after 32 arguments. */
  private static final Pattern MORE = Pattern.compile("\\.\\.\\. \\((\\d+) more arguments\\)");

  private SlowLog() {}

  static List<SlowEntry> read(RedissonClient redis) throws Exception {
    List<SlowEntry> entries = new ArrayList<>();
    for (List<Object> log :
        Masters.of(redis).<List<Object>, List<Object>>each(SLOWLOG_GET, ENTRIES)) {
      for (Object raw : log) {
        entries.add(entry((List<?>) raw));
      }
    }
    entries.sort(Comparator.comparing(SlowEntry::at).thenComparing(SlowEntry::id).reversed());
    return entries.size() > ENTRIES ? List.copyOf(entries.subList(0, ENTRIES)) : entries;
  }

  /** One entry of {@code SLOWLOG GET}: id, time (epoch s), microseconds, arguments, addr, name. */
  static SlowEntry entry(List<?> raw) {
    List<?> args = raw.size() > 3 && raw.get(3) instanceof List<?> list ? list : List.of();
    String command =
        args.isEmpty() ? "" : String.valueOf(args.get(0)).toUpperCase(Locale.ROOT).strip();
    int arguments = Math.max(0, args.size() - 1);
    if (arguments > 0) {
      Matcher more = MORE.matcher(String.valueOf(args.get(args.size() - 1)));
      if (more.matches()) {
        arguments += Integer.parseInt(more.group(1)) - 1;
      }
    }
    String argument = args.size() > 1 && !NAME_ONLY.contains(command) ? shown(args.get(1)) : null;
    String client = raw.size() > 5 ? String.valueOf(raw.get(5)) : "";
    return new SlowEntry(
        number(raw.get(0)),
        Instant.ofEpochSecond(number(raw.get(1))),
        number(raw.get(2)),
        LogSafe.text(command),
        argument,
        arguments,
        LogSafe.text(client));
  }

  private static String shown(Object argument) {
    String text = String.valueOf(argument);
    return LogSafe.text(text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "…" : text);
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
  }
}
