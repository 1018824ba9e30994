package io.docfleet.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A callback URL counts under its origin, never its user info, path, query or fragment. */
class WebhookOriginTest {

  @Test
  void theOriginKeepsSchemeHostAndAnExplicitPortOnly() {
    assertThat(WebhookOrigin.of("https://hooks.example.com/in/abc?token=t0k#x"))
        .isEqualTo("https://hooks.example.com");
    assertThat(WebhookOrigin.of("HTTP://User:pw@Hooks.Example.com:8443/p?q=1"))
        .isEqualTo("http://hooks.example.com:8443");
    assertThat(WebhookOrigin.of("http://[fd00::1]:9000/x")).isEqualTo("http://[fd00::1]:9000");
  }

  @Test
  void aUrlWithoutAReadableHostCountsAsUnreadable() {
    assertThat(WebhookOrigin.of("not a url")).isEqualTo(WebhookOrigin.UNREADABLE);
    assertThat(WebhookOrigin.of("")).isEqualTo(WebhookOrigin.UNREADABLE);
    assertThat(WebhookOrigin.of(null)).isEqualTo(WebhookOrigin.UNREADABLE);
    assertThat(WebhookOrigin.of("mailto:a@b.c")).isEqualTo(WebhookOrigin.UNREADABLE);
  }
}
