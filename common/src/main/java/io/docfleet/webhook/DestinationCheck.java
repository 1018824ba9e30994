package io.docfleet.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may go: an absolute {@code http} or {@code https} URL without credentials, whose
 * host's addresses are all public or listed in {@code WEBHOOK_ALLOWED_HOSTS}. Checked at submit
 * ({@link #atSubmit}) and again just before each delivery ({@link #atDelivery}), after DNS
 * resolution, so a name that later resolves to a private address is not followed there.
 */
public final class DestinationCheck {
  /** The longest callback URL accepted. */
  public static final int MAX_LENGTH = 2048;

  private final AllowedHosts allowed;

  public DestinationCheck(AllowedHosts allowed) {
    this.allowed = allowed;
  }

  /**
   * The URL, when it is well formed and its host does not resolve to a refused address (a name that
   * does not resolve now is let through: the delivery checks it again).
   */
  public URI atSubmit(String url) throws RefusedDestination {
    URI uri = parse(url);
    try {
      check(uri, resolve(uri));
    } catch (UnknownHostException e) {
      // not resolvable now: the delivery resolves it again and refuses it then if it must
    }
    return uri;
  }

  /**
   * The addresses the URL's host resolves to, once every one of them is allowed.
   *
   * @throws UnknownHostException when the name does not resolve (now): the delivery may retry
   */
  public List<InetAddress> atDelivery(String url) throws RefusedDestination, UnknownHostException {
    URI uri = parse(url);
    List<InetAddress> addresses = resolve(uri);
    check(uri, addresses);
    return addresses;
  }

  /** The URL as a URI, once its form is one a webhook may take. */
  public static URI parse(String url) throws RefusedDestination {
    if (url == null || url.isBlank()) {
      throw new RefusedDestination("callbackUrl is empty");
    }
    if (url.length() > MAX_LENGTH) {
      throw new RefusedDestination("callbackUrl is longer than " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new RefusedDestination("callbackUrl is not a valid URL: " + e.getReason());
    }
    String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new RefusedDestination("callbackUrl must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new RefusedDestination("callbackUrl names no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new RefusedDestination("callbackUrl must not carry credentials (user:password@)");
    }
    return uri;
  }

  private static List<InetAddress> resolve(URI uri) throws UnknownHostException {
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return List.of(InetAddress.getAllByName(host));
  }

  private void check(URI uri, List<InetAddress> addresses) throws RefusedDestination {
    if (allowed.listsName(uri.getHost())) {
      return;
    }
    for (InetAddress address : addresses) {
      Optional<String> kind = AddressKind.refused(address);
      if (kind.isPresent() && !allowed.listsAddress(address)) {
        throw new RefusedDestination(
            "callbackUrl host "
                + uri.getHost()
                + " is "
                + (address.getHostAddress().equals(uri.getHost().replaceAll("[\\[\\]]", ""))
                    ? ""
                    : "at " + address.getHostAddress() + ", ")
                + ("aeiou".indexOf(kind.get().charAt(0)) >= 0 ? "an " : "a ")
                + kind.get()
                + " address; webhooks reach such addresses only when WEBHOOK_ALLOWED_HOSTS lists"
                + " them");
      }
    }
  }
}
