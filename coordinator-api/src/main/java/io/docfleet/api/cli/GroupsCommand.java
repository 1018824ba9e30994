package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docfleet groups}: each type's groups, ready per lane, running and limit; {@code docfleet
 * groups set <group> --concurrency N|none [--callback-url URL|none]}: change a group's settings
 * (the concurrency on every known type).
 */
@Command(
    name = "groups",
    mixinStandardHelpOptions = true,
    description = {
      "List each type's groups: ready (high/normal/low), running, limit.",
      "groups set <group> --concurrency N|none changes a group's limit on every type."
    })
final class GroupsCommand implements Callable<Integer> {
  static final String PATH = "/api/v1/groups";
  static final String NONE = "none";

  private final CliContext cli;

  @Mixin JsonOption output;

  private GroupsCommand(CliContext cli) {
    this.cli = cli;
  }

  static CommandLine commandLine(CliContext cli) {
    CommandLine groups = new CommandLine(new GroupsCommand(cli));
    groups.addSubcommand(new SetGroup(cli));
    return groups;
  }

  @Override
  public Integer call() {
    JsonNode answer = cli.client().get(PATH);
    if (output.json) {
      cli.printJson(answer);
      return CliFailure.OK;
    }
    Table table = new Table("TYPE", "GROUP", "READY H/N/L", "RUNNING", "LIMIT").numeric(3, 4);
    int rows = 0;
    for (JsonNode type : answer.path("types")) {
      for (JsonNode g : type.path("groups")) {
        JsonNode ready = g.path("ready");
        table.row(
            Formats.text(type, "type"),
            Formats.text(g, "group"),
            ready.path("high").asLong()
                + "/"
                + ready.path("normal").asLong()
                + "/"
                + ready.path("low").asLong(),
            Formats.number(g, "running"),
            limit(g.get("limit")));
        rows++;
      }
    }
    if (rows == 0) {
      cli.out().println("no groups with tasks ready or running");
    } else {
      table.print(cli.out());
    }
    for (JsonNode type : answer.path("types")) {
      if (type.path("everyGroupLimit").isNumber()) {
        cli.out()
            .printf(
                "%s: every group's limit %d%n",
                Formats.text(type, "type"), type.get("everyGroupLimit").asInt());
      }
    }
    return CliFailure.OK;
  }

  /**
   * A setting given on the command line into a settings body: left out when not given, null for
   * {@value #NONE} (removes it), else the value as text.
   */
  static void putSetting(ObjectNode body, String field, String value) {
    if (value == null) {
      return;
    }
    if (value.equalsIgnoreCase(NONE)) {
      body.putNull(field);
    } else {
      body.put(field, value.trim());
    }
  }

  private static String limit(JsonNode limit) {
    return limit != null && limit.isNumber() ? limit.asText() : "-";
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Change a group's settings; its concurrency is set on every known type.")
  static final class SetGroup implements Callable<Integer> {
    private final CliContext cli;

    @Mixin JsonOption output;

    @Parameters(paramLabel = "GROUP", description = "the group, e.g. acme")
    String group;

    @Option(
        names = "--concurrency",
        paramLabel = "N|none",
        description =
            "the most of its tasks in flight at once per type, fleet-wide; none removes it")
    String concurrency;

    @Option(
        names = "--callback-url",
        paramLabel = "URL|none",
        description = "the webhook of its documents that name none; none removes it")
    String callbackUrl;

    SetGroup(CliContext cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      if (concurrency == null && callbackUrl == null) {
        throw CliFailure.usage("say what to set: --concurrency N|none, --callback-url URL|none");
      }
      ObjectNode body = cli.client().json().createObjectNode();
      if (concurrency != null) {
        if (concurrency.equalsIgnoreCase(NONE)) {
          body.putNull("concurrency");
        } else {
          body.put("concurrency", count(concurrency));
        }
      }
      putSetting(body, "callbackUrl", callbackUrl);
      JsonNode answer = cli.client().put(PATH + "/" + ApiClient.segment(group), body);
      if (output.json) {
        cli.printJson(answer);
        return CliFailure.OK;
      }
      cli.out()
          .printf(
              "%s: concurrency %s, callback %s%s%n",
              Formats.text(answer, "group"),
              answer.path("concurrency").isNumber() ? answer.get("concurrency").asText() : NONE,
              answer.path("callbackUrl").isTextual() ? answer.get("callbackUrl").asText() : NONE,
              answer.path("types").size() > 0
                  ? " (set on " + answer.path("types").size() + " types)"
                  : "");
      return CliFailure.OK;
    }

    private static int count(String given) {
      try {
        int n = Integer.parseInt(given.trim());
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // said below
      }
      throw CliFailure.usage(
          "--concurrency takes a whole number from 1, or none; got '" + given + "'");
    }
  }
}
