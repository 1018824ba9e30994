package io.docfleet.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {
  @Test
  void lineBreaksAndControlCharactersBecomeVisibleEscapes() {
    assertThat(LogSafe.text("a\nb\r\nc\td\u0000e\u0085f\u2028g\u2029h\u001b[31m"))
        .isEqualTo("a\\nb\\r\\nc\\td\\u0000e\\u0085f\\u2028g\\u2029h\\u001b[31m");
  }

  @Test
  void ordinaryTextIsLeftAsItIs() {
    String text = "GET /api/v1/documents/doc-1 Müller – 日本 %0A";
    assertThat(LogSafe.text(text)).isSameAs(text);
    assertThat(LogSafe.text(null)).isEqualTo("null");
  }

  @Test
  void anExceptionWithASafeChainIsLoggedAsItIs() {
    IllegalStateException e = new IllegalStateException("boom", new RuntimeException("cause"));
    assertThat(LogSafe.exception(e)).isSameAs(e);
  }

  @Test
  void anExceptionQuotingALineBreakIsLoggedWithItsMessagesEscapedAndItsStackTrace() {
    RuntimeException cause = new RuntimeException("bad\nERROR forged");
    IllegalArgumentException e = new IllegalArgumentException("Illegal character: a\rb", cause);

    Throwable logged = LogSafe.exception(e);

    assertThat(logged.getMessage())
        .isEqualTo("java.lang.IllegalArgumentException: Illegal character: a\\rb");
    assertThat(logged.getStackTrace()).isEqualTo(e.getStackTrace());
    assertThat(logged.getCause().getMessage())
        .isEqualTo("java.lang.RuntimeException: bad\\nERROR forged");
    assertThat(logged.getCause().getStackTrace()).isEqualTo(cause.getStackTrace());
  }
}
