package io.docfleet.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/** Builds the default worker id, {@code host-pid-random}, unique across restarts. */
public final class WorkerIds {
  private WorkerIds() {}

  public static String generate() {
    return hostName() + "-" + ProcessHandle.current().pid() + "-" + randomSuffix();
  }

  public static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static String randomSuffix() {
    return Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff), 16);
  }
}
