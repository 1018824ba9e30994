package io.docfleet.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.Secret;
import org.junit.jupiter.api.Test;

class ProviderExceptionTest {
  @Test
  void sortsHttpStatusesIntoRetryableAndPermanent() {
    for (int status : new int[] {408, 409, 425, 429, 500, 502, 503, 504}) {
      assertThat(ProviderException.forHttpStatus("p", status, "x", null).retryable())
          .as("%s", status)
          .isTrue();
    }
    for (int status : new int[] {400, 401, 403, 404, 413, 415, 422}) {
      assertThat(ProviderException.forHttpStatus("p", status, "x", null))
          .as("%s", status)
          .isInstanceOf(ProviderException.Permanent.class);
    }
  }

  @Test
  void messagesNameTheProvider() {
    assertThat(ProviderException.permanent("textract", "bad document"))
        .hasMessage("textract: bad document")
        .extracting(ProviderException::provider)
        .isEqualTo("textract");
  }

  @Test
  void redactionRemovesTheSecretAndKeyShapedTokens() {
    Secret secret = new Secret("hunter2-very-secret");

    assertThat(Redaction.redact("key hunter2-very-secret and sk-proj-abcdef123456 seen", secret))
        .isEqualTo("key **** and sk-**** seen");
    assertThat(Redaction.redact("Credential=AKIAIOSFODNN7EXAMPLE/20240105/eu-west-1", null))
        .isEqualTo("Credential=****/20240105/eu-west-1");
  }
}
