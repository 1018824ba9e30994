package io.docfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.docfleet.testing.SlowTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Nothing a client sends reaches the coordinator's log with a line break intact, so no request can
 * forge a log line: not through a path, a field, a source, nor the message of an error it causes.
 */
@SlowTest
class LogLinesTest {
  private static final String FORGED = "12:00:00.000_ERROR_forged_line";

  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  /** Every line the events would print: message and the messages of their exceptions. */
  private static List<String> printed(List<ILoggingEvent> events) {
    List<String> texts = new ArrayList<>();
    for (ILoggingEvent event : events) {
      texts.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        texts.add(t.getClassName() + ": " + t.getMessage());
      }
    }
    return texts;
  }

  @Test
  void aLineBreakInAnyClientValueCannotForgeALogLine() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      api.post("/api/v1/documents", "{\"source\":\"s3://inbox/a%0A" + FORGED + ".pdf\"}");
      api.post("/api/v1/documents", "{\"source\":\"s3://inbox/a%0D%0A" + FORGED + ".pdf\"}");
      api.post("/api/v1/documents", "{\"source\":\"s3://inbox/a\\n" + FORGED + ".pdf\"}");
      api.post("/api/v1/documents", "{\"source\":\"file:///a\\n" + FORGED + "\"}");
      api.post(
          "/api/v1/documents",
          "{\"source\":\"s3://inbox/a.pdf\",\"documentId\":\"x\\n" + FORGED + "\"}");
      api.post(
          "/api/v1/documents",
          "{\"source\":\"s3://inbox/a.pdf\",\"name\":\"x\\r\\n" + FORGED + "\"}");
      api.get("/api/v1/documents/x%0A" + FORGED);
      api.post("/api/v1/tasks/x%0A" + FORGED, "{\"id\":\"a\"}");
      api.post("/api/v1/tasks/noop", "{\"id\":\"a\\n" + FORGED + "\"}");
      api.get("/nowhere%0D%0A" + FORGED + "?q=%0A" + FORGED);

      assertThat(logs.list).isNotEmpty();
      assertThat(printed(logs.list))
          .allSatisfy(line -> assertThat(line).doesNotContain("\n").doesNotContain("\r"));
    } finally {
      root.detachAppender(logs);
    }
  }
}
