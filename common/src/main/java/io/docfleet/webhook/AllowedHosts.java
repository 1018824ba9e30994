package io.docfleet.webhook;

import io.docfleet.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code WEBHOOK_ALLOWED_HOSTS}: host names, IP addresses and CIDR blocks whose private, loopback
 * or link-local addresses a webhook may still reach. A listed name permits whatever it resolves to;
 * a listed address or block permits the addresses in it, whatever name reached them.
 */
public final class AllowedHosts {
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\\]?");
  private static final Pattern HOST_NAME =
      Pattern.compile("[a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*\\.?");

  private final List<String> names;
  private final List<Block> blocks;

  private AllowedHosts(List<String> names, List<Block> blocks) {
    this.names = List.copyOf(names);
    this.blocks = List.copyOf(blocks);
  }

  /** No exceptions: only public addresses are reached. */
  public static AllowedHosts none() {
    return new AllowedHosts(List.of(), List.of());
  }

  /** Parses the entries of {@code variable}; a bad entry fails naming it. */
  public static AllowedHosts parse(String variable, List<String> entries) {
    List<String> names = new ArrayList<>();
    List<Block> blocks = new ArrayList<>();
    for (String entry : entries) {
      String value = entry.trim().toLowerCase(Locale.ROOT);
      int slash = value.indexOf('/');
      String address = slash < 0 ? value : value.substring(0, slash);
      if (IP_LITERAL.matcher(address).matches()) {
        blocks.add(Block.parse(variable, address, slash < 0 ? null : value.substring(slash + 1)));
      } else if (slash < 0 && HOST_NAME.matcher(value).matches()) {
        names.add(stripDot(value));
      } else {
        throw new ConfigException(
            variable, "a comma list of host names, IP addresses and CIDR blocks", entry);
      }
    }
    return new AllowedHosts(names, blocks);
  }

  /** True when {@code host} (a URL's host name) is listed by name. */
  public boolean listsName(String host) {
    return names.contains(stripDot(host.toLowerCase(Locale.ROOT)));
  }

  /** True when {@code address} lies in a listed address or block. */
  public boolean listsAddress(InetAddress address) {
    return blocks.stream().anyMatch(block -> block.contains(address));
  }

  @Override
  public String toString() {
    List<String> all = new ArrayList<>(names);
    blocks.forEach(block -> all.add(block.toString()));
    return String.join(",", all);
  }

  private static String stripDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /** An address and the number of leading bits that must match it. */
  private record Block(byte[] address, int bits, String text) {
    static Block parse(String variable, String address, String prefix) {
      byte[] bytes;
      try {
        bytes = InetAddress.getByName(address.replace("[", "").replace("]", "")).getAddress();
      } catch (UnknownHostException | SecurityException e) {
        throw new ConfigException(variable, "IP addresses such as 10.0.0.5 or fd00::1", address);
      }
      int bits = bytes.length * 8;
      if (prefix != null) {
        try {
          bits = Integer.parseInt(prefix);
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > bytes.length * 8) {
          throw new ConfigException(
              variable,
              "a CIDR block such as 10.0.0.0/8 (prefix 0-" + bytes.length * 8 + ")",
              address + "/" + prefix);
        }
      }
      return new Block(bytes, bits, address + "/" + bits);
    }

    boolean contains(InetAddress candidate) {
      byte[] other = candidate.getAddress();
      if (other.length != address.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((other[bit / 8] & mask) != (address[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
