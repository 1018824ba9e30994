package io.docfleet.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.docfleet.config.Env;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code docfleet health} shows the report the coordinator answers with 503 while a dependency does
 * not answer (here a stub of the coordinator), naming it, and exits 1 for its critical status.
 */
class HealthCommandTest {
  private static final String QUEUE_REDIS_DOWN =
      """
      {"status":"critical","checkedAt":"2026-12-07T10:00:00Z",
       "redis":{"status":"unavailable","error":"Command execution timeout (2000ms) for PING",
                "version":null,"memory":{"usedBytes":null},
                "pool":{"name":"queue","open":0,"active":0,"idle":0,"pending":0,"max":64}},
       "cache":{"status":"ok","sharedWithQueue":false,"error":null,"version":"7.2.4",
                "mode":"standalone","pingMs":0.5,"uptimeSeconds":60,"memory":{"usedBytes":1024},
                "maxmemoryPolicy":"allkeys-lru","opsPerSecond":3,"commandsProcessed":1234,
                "clients":{"connected":4,"blocked":0},"evictedKeys":0,
                "pool":{"name":"cache","open":4,"active":1,"idle":3,"pending":0,"max":64}},
       "postgres":{"status":"ok","error":null,"pingMs":1.5,
                   "pool":{"name":"docfleet-coordinator","open":2,"active":0,"idle":2,
                           "pending":0,"max":10}},
       "fleet":{"workers":null,"lostWorkers":null,"queues":null},
       "issues":[{"severity":"critical","code":"redis_unavailable",
                  "message":"the queue's Redis does not answer: Command execution timeout"}]}
      """;

  private HttpServer coordinator;

  @BeforeEach
  void answerWith503() throws IOException {
    coordinator = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    coordinator.createContext(
        HealthCommand.PATH,
        exchange -> {
          byte[] body = QUEUE_REDIS_DOWN.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(503, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    coordinator.start();
  }

  @AfterEach
  void stop() {
    coordinator.stop(0);
  }

  @Test
  void aReportAnsweredWith503IsShownAndNamesWhatDoesNotAnswer() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
    String url = "http://127.0.0.1:" + coordinator.getAddress().getPort();
    CliContext cli =
        DocfleetCli.context(new Env(Map.of("DOCFLEET_URL", url)), writer, writer, false);

    int exit = DocfleetCli.run(new String[] {"health"}, cli);

    writer.flush();
    String shown = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(shown).isEqualTo(1);
    assertThat(shown)
        .contains("status      critical")
        .contains("Redis       unavailable: Command execution timeout (2000ms) for PING")
        .contains("  pool      0 of 64 in use, 0 idle, 0 pending")
        .contains("Cache       7.2.4 standalone")
        .contains("1234 commands")
        .contains("  pool      1 of 64 in use, 3 idle, 0 pending")
        .contains("PostgreSQL  ok, ping 1.5 ms, pool 0 of 10 in use, 2 idle, 0 pending")
        .contains("Fleet       unknown (the queue's Redis does not answer)")
        .contains("redis_unavailable");
  }
}
