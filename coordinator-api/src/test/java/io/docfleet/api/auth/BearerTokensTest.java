package io.docfleet.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class BearerTokensTest {
  @Test
  void acceptsExactlyTheConfiguredTokens() {
    BearerTokens tokens = new BearerTokens(List.of(new Secret("alpha"), new Secret("beta")));

    assertThat(tokens.accepts("alpha")).isTrue();
    assertThat(tokens.accepts("beta")).isTrue();
    assertThat(tokens.accepts("alph")).isFalse();
    assertThat(tokens.accepts("alphaa")).isFalse();
    assertThat(tokens.accepts("")).isFalse();
    assertThat(tokens.accepts(null)).isFalse();
    assertThat(tokens.toString()).isEqualTo("BearerTokens[2 token(s)]");
  }

  @Test
  void noTokensAcceptNothing() {
    BearerTokens none = new BearerTokens(List.of());

    assertThat(none.isEmpty()).isTrue();
    assertThat(none.accepts("anything")).isFalse();
  }
}
