package io.docfleet.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.ConfigException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokensTest {
  @Test
  void acceptsExactlyTheConfiguredTokens() {
    BearerTokens tokens =
        new BearerTokens(List.of(ApiToken.unnamed("alpha"), ApiToken.unnamed("beta")));

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

  @Test
  void aNamedTokenIdentifiesItsCallerByName() {
    BearerTokens tokens =
        new BearerTokens(
            List.of(
                ApiToken.parse("acme:s3cret-a", 1),
                ApiToken.parse("plain-token", 2),
                ApiToken.parse("globex:s3cret-g", 3)));

    assertThat(tokens.identify("s3cret-a")).contains(new Caller(Optional.of("acme")));
    assertThat(tokens.identify("s3cret-g")).contains(new Caller(Optional.of("globex")));
    assertThat(tokens.identify("plain-token")).contains(new Caller(Optional.empty()));
    assertThat(tokens.identify("acme:s3cret-a")).as("the name is no part of the token").isEmpty();
    assertThat(tokens.identify("s3cret")).isEmpty();
  }

  @Test
  void anEntryIsNameColonTokenOnlyWithAValidNameAndAToken() {
    assertThat(ApiToken.parse("acme:tok:with:colons", 1).token().value())
        .isEqualTo("tok:with:colons");
    assertThatThrownBy(() -> ApiToken.parse("bad name:hunter2", 2))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("COORDINATOR_API_TOKENS: entry 2")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> ApiToken.parse(":hunter2", 1))
        .hasMessageContaining("name must be")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> ApiToken.parse("acme:", 3)).hasMessageContaining("has no token");
    assertThat(ApiToken.parse("acme:hunter2", 1).toString()).doesNotContain("hunter2");
  }
}
