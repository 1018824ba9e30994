package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docfleet dead list|retry|purge <type>}: a task type's dead-letter list: read it (newest
 * first), queue its tasks again (oldest first, attempts reset), or empty it.
 */
@Command(
    name = "dead",
    mixinStandardHelpOptions = true,
    description = "Read, retry or purge a task type's dead letters.")
final class DeadCommand implements Callable<Integer> {
  private final CliContext cli;

  private DeadCommand(CliContext cli) {
    this.cli = cli;
  }

  static CommandLine commandLine(CliContext cli) {
    CommandLine dead = new CommandLine(new DeadCommand(cli));
    dead.addSubcommand(new ListDead(cli));
    dead.addSubcommand(new RetryDead(cli));
    dead.addSubcommand(new PurgeDead(cli));
    return dead;
  }

  static String path(String type) {
    return "/api/v1/queues/" + ApiClient.segment(type) + "/dead";
  }

  /** {@code docfleet dead} alone names the missing subcommand. */
  @Override
  public Integer call() {
    throw CliFailure.usage("say which: dead list|retry|purge <type>");
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a type's dead letters, newest first.")
  static final class ListDead implements Callable<Integer> {
    private final CliContext cli;

    @Mixin JsonOption output;

    @Parameters(paramLabel = "TYPE", description = "the task type, e.g. ocr")
    String type;

    @Option(names = "--limit", description = "at most this many (1 to 1000; default 50)")
    int limit = 50;

    @Option(names = "--offset", description = "skip this many of the newest (default 0)")
    int offset = 0;

    ListDead(CliContext cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      JsonNode answer = cli.client().get(path(type) + "?offset=" + offset + "&limit=" + limit);
      if (output.json) {
        cli.printJson(answer);
        return CliFailure.OK;
      }
      JsonNode entries = answer.path("entries");
      cli.out()
          .printf(
              "%s: %d dead letters%s%n",
              type,
              Formats.number(answer, "total"),
              entries.size() < Formats.number(answer, "total")
                  ? " (showing " + entries.size() + " from offset " + offset + ")"
                  : "");
      if (entries.size() > 0) {
        Table table = new Table("TASK", "FAILED AT", "ATTEMPTS", "WORKER", "ERROR").numeric(2);
        for (JsonNode e : entries) {
          table.row(
              Formats.text(e, "id"),
              Formats.text(e, "failedAt"),
              Formats.number(e, "attempts"),
              Formats.text(e, "worker"),
              Formats.text(e, "error"));
        }
        table.print(cli.out());
      }
      return CliFailure.OK;
    }
  }

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description = "Queue a type's dead letters again, oldest first, attempts reset.")
  static final class RetryDead implements Callable<Integer> {
    private final CliContext cli;

    @Mixin JsonOption output;

    @Parameters(paramLabel = "TYPE", description = "the task type, e.g. ocr")
    String type;

    @Option(
        names = "--id",
        paramLabel = "TASK_ID",
        description = "retry only this task (repeatable)")
    List<String> ids = List.of();

    @Option(names = "--limit", description = "at most this many (default: the API's, 1000)")
    Integer limit;

    RetryDead(CliContext cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      ObjectNode body = cli.client().json().createObjectNode();
      if (!ids.isEmpty()) {
        ids.forEach(body.putArray("ids")::add);
      }
      if (limit != null) {
        body.put("limit", limit);
      }
      JsonNode answer = cli.client().post(path(type) + "/retry", body);
      if (output.json) {
        cli.printJson(answer);
        return CliFailure.OK;
      }
      cli.out()
          .printf(
              "%s: %d dead letters queued again%s%n",
              type,
              Formats.number(answer, "retried"),
              Formats.number(answer, "skipped") > 0
                  ? ", "
                      + Formats.number(answer, "skipped")
                      + " skipped (they hold no task, only raw bytes, and stay)"
                  : "");
      return CliFailure.OK;
    }
  }

  @Command(
      name = "purge",
      mixinStandardHelpOptions = true,
      description = "Empty a type's dead-letter list.")
  static final class PurgeDead implements Callable<Integer> {
    private final CliContext cli;

    @Mixin JsonOption output;

    @Parameters(paramLabel = "TYPE", description = "the task type, e.g. ocr")
    String type;

    PurgeDead(CliContext cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      JsonNode answer = cli.client().delete(path(type));
      if (output.json) {
        cli.printJson(answer);
        return CliFailure.OK;
      }
      cli.out().printf("%s: %d dead letters removed%n", type, Formats.number(answer, "purged"));
      return CliFailure.OK;
    }
  }
}
