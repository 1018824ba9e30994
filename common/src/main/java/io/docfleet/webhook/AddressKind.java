package io.docfleet.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The kinds of address a webhook never reaches unless {@code WEBHOOK_ALLOWED_HOSTS} lists them:
 * loopback, private (RFC 1918, IPv6 unique-local), link-local (cloud metadata services live there),
 * unspecified, multicast and the shared carrier-grade NAT block.
 */
final class AddressKind {
  private AddressKind() {}

  /** The refused kind {@code address} is of, or empty for a public address. */
  static Optional<String> refused(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return Optional.of("loopback");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("link-local");
    }
    if (address.isSiteLocalAddress()) {
      return Optional.of("private");
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("unspecified");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("multicast");
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      if (first == 0 || (first == 255 && second == 255)) {
        return Optional.of("unspecified");
      }
      if (first == 100 && second >= 64 && second < 128) {
        return Optional.of("shared (carrier-grade NAT)");
      }
    } else if (address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc) {
      return Optional.of("private");
    }
    return Optional.empty();
  }
}
