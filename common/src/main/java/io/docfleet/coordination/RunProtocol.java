package io.docfleet.coordination;

import io.docfleet.redis.RedisNumbers;
import java.util.List;
import java.util.Map;

/**
 * The run protocol a worker speaks, registered as {@code protocol} in {@code workers:<id>}: 3 since
 * grouped tasks wait in their groups' lists with turns in the lanes (include/groups.lua), which a
 * protocol-2 worker would dead-letter as malformed tasks; 2 since every key of a run lives in its
 * queue's hash slot (in-flight list {@code {tasks:<type>}:inflight:<id>}, run lock {@code
 * {tasks:<type>}:lock:<taskId>}, records in {@code {tasks:<type>}:assignments}). A registration
 * without it is an older worker's (protocol 1: {@code {tasks:<type>}:processing:<id>}, {@code
 * queue:lock:<taskId>}, {@code task:assignments:<taskId>}), whose runs a newer worker neither
 * checks nor returns while it lives. Workers of two protocols must not serve one fleet at once (the
 * README's Upgrading).
 */
public final class RunProtocol {
  /** The protocol of this version. */
  public static final int CURRENT = 3;

  /** The registration's field that names it. */
  public static final String FIELD = "protocol";

  private RunProtocol() {}

  /** The protocol a registration names: 1 when it names none. */
  static int of(Map<String, String> registration) {
    String value = registration.get(FIELD);
    return value == null ? 1 : (int) Math.max(1, RedisNumbers.orZero(value));
  }

  /** The live workers (not lost) that speak an older protocol than this version's. */
  public static List<WorkerInfo> olderLiveWorkers(List<WorkerInfo> workers) {
    return workers.stream().filter(w -> !w.isLost() && w.protocol() < CURRENT).toList();
  }
}
