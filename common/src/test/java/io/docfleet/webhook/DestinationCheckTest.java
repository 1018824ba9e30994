package io.docfleet.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where a webhook may go: public addresses, and refused kinds only when the allow list names them.
 */
class DestinationCheckTest {
  private static DestinationCheck allowing(String... entries) {
    return new DestinationCheck(AllowedHosts.parse("WEBHOOK_ALLOWED_HOSTS", List.of(entries)));
  }

  @Test
  void privateLinkLocalAndLoopbackAddressesAreRefusedSayingWhy() {
    DestinationCheck none = allowing();
    assertThatThrownBy(() -> none.atSubmit("http://10.0.0.5/hook"))
        .isInstanceOf(RefusedDestination.class)
        .hasMessage(
            "callbackUrl host 10.0.0.5 is a private address; webhooks reach such addresses only"
                + " when WEBHOOK_ALLOWED_HOSTS lists them");
    assertThatThrownBy(() -> none.atSubmit("http://169.254.169.254/latest/meta-data/"))
        .hasMessageContaining("a link-local address");
    assertThatThrownBy(() -> none.atSubmit("http://localhost/"))
        .hasMessageContaining("callbackUrl host localhost is at ")
        .hasMessageContaining("a loopback address");
    assertThatThrownBy(() -> none.atSubmit("http://127.0.0.1:9/")).hasMessageContaining("loopback");
    assertThatThrownBy(() -> none.atSubmit("http://[::1]/")).hasMessageContaining("loopback");
    assertThatThrownBy(() -> none.atSubmit("http://[fd00::1]/")).hasMessageContaining("private");
    assertThatThrownBy(() -> none.atSubmit("http://0.0.0.0/"))
        .hasMessageContaining("is an unspecified address");
    assertThatThrownBy(() -> none.atSubmit("http://100.64.1.1/")).hasMessageContaining("shared");
    assertThatThrownBy(() -> none.atSubmit("http://[::ffff:10.1.2.3]/"))
        .hasMessageContaining("private");
  }

  @Test
  void onlyAbsoluteHttpUrlsWithoutCredentialsAreTaken() {
    DestinationCheck none = allowing();
    assertThatThrownBy(() -> none.atSubmit("ftp://93.184.216.34/x"))
        .hasMessage("callbackUrl must be an http or https URL");
    assertThatThrownBy(() -> none.atSubmit("file:///etc/passwd"))
        .hasMessage("callbackUrl must be an http or https URL");
    assertThatThrownBy(() -> none.atSubmit("/relative")).hasMessageContaining("http or https");
    assertThatThrownBy(() -> none.atSubmit("http://user:pw@93.184.216.34/"))
        .hasMessageContaining("credentials");
    assertThatThrownBy(() -> none.atSubmit("http://exa mple.com/"))
        .hasMessageContaining("not a valid URL");
    assertThatThrownBy(() -> none.atSubmit("")).hasMessage("callbackUrl is empty");
    assertThatThrownBy(() -> none.atSubmit("http://93.184.216.34/" + "a".repeat(3000)))
        .hasMessageContaining("longer than 2048");
  }

  @Test
  void aPublicAddressNeedsNoListing() throws Exception {
    assertThat(allowing().atSubmit("https://93.184.216.34:8443/hooks?x=1").getPort())
        .isEqualTo(8443);
  }

  @Test
  void listedAddressesBlocksAndNamesAreReached() throws Exception {
    assertThat(allowing("127.0.0.1").atDelivery("http://127.0.0.1:8080/")).isNotEmpty();
    assertThat(allowing("127.0.0.1").atDelivery("http://localhost:8080/")).isNotEmpty();
    assertThat(allowing("10.0.0.0/8").atSubmit("http://10.200.3.4/").getHost())
        .isEqualTo("10.200.3.4");
    assertThat(allowing("LOCALHOST").atDelivery("http://localhost/")).isNotEmpty();
    assertThat(allowing("fd00::/8").atSubmit("http://[fd12::1]/")).isNotNull();
    assertThatThrownBy(() -> allowing("10.0.0.0/16").atSubmit("http://10.1.0.1/"))
        .isInstanceOf(RefusedDestination.class);
    assertThatThrownBy(() -> allowing("127.0.0.2").atSubmit("http://127.0.0.1/"))
        .isInstanceOf(RefusedDestination.class);
  }

  @Test
  void aBadAllowListEntryFailsNamingTheVariable() {
    assertThatThrownBy(() -> AllowedHosts.parse("WEBHOOK_ALLOWED_HOSTS", List.of("10.0.0.0/33")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WEBHOOK_ALLOWED_HOSTS");
    assertThatThrownBy(() -> AllowedHosts.parse("WEBHOOK_ALLOWED_HOSTS", List.of("http://x/")))
        .isInstanceOf(ConfigException.class);
  }
}
