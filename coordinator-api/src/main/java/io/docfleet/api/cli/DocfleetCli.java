package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.config.Env;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code scripts/docfleet}: the operator's commands over the coordinator's HTTP API ({@code
 * DOCFLEET_URL}, token from {@code DOCFLEET_TOKEN}). One class per subcommand; this one wires them
 * and turns every failure into a message on standard error and an exit status: 0 done, 1 the API or
 * a document failed, 2 a wrong command line or setting. ({@code migrate-keys} talks to Redis
 * directly and has its own main class, which the script calls.)
 */
@Command(
    name = "docfleet",
    mixinStandardHelpOptions = true,
    version = "docfleet CLI 1",
    description = "Operate a docfleet fleet through its coordinator's HTTP API.",
    subcommandsRepeatable = false,
    footerHeading = "%n",
    footer = {
      "Environment:",
      "  DOCFLEET_URL    the coordinator's URL (default " + ApiClient.DEFAULT_URL + ")",
      "  DOCFLEET_TOKEN  bearer token for writes (and reads with COORDINATOR_READ_AUTH=true);"
          + " never printed",
      "",
      "Also: migrate-keys [--apply]  rename Redis keys of the older naming (talks to Redis)",
      "",
      "Exit status: 0 done, 1 the API or a document failed, 2 wrong command line or setting."
    })
public final class DocfleetCli implements Callable<Integer> {
  @Spec CommandSpec spec;

  private DocfleetCli() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, System.getenv(), out, err, stdoutIsTerminal()));
  }

  /** The script says whether standard output is a terminal ({@code [[ -t 1 ]]}); Java cannot. */
  private static boolean stdoutIsTerminal() {
    String told = System.getProperty("docfleet.stdout.tty");
    return told != null ? Boolean.parseBoolean(told) : System.console() != null;
  }

  /** Runs one command line; returns the exit status. */
  static int run(
      String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
    PrintWriter outWriter = new PrintWriter(out, true);
    PrintWriter errWriter = new PrintWriter(err, true);
    CliContext cli;
    try {
      cli = context(new Env(env), outWriter, errWriter, terminal);
    } catch (CliFailure e) {
      errWriter.println("docfleet: " + e.getMessage());
      return e.exitCode();
    }
    return run(args, cli);
  }

  static int run(String[] args, CliContext cli) {
    int status = commandLine(cli).execute(args);
    cli.out().flush();
    cli.err().flush();
    return status;
  }

  static CliContext context(Env env, PrintWriter out, PrintWriter err, boolean terminal) {
    ApiClient client =
        new ApiClient(
            ApiClient.baseUrl(env.get(ApiClient.URL_VARIABLE)),
            env.get(ApiClient.TOKEN_VARIABLE),
            new ObjectMapper());
    return new CliContext(
        client, out, err, terminal, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  static CommandLine commandLine(CliContext cli) {
    CommandLine root = new CommandLine(new DocfleetCli());
    root.addSubcommand(new SubmitCommand(cli));
    root.addSubcommand(new StatusCommand(cli));
    root.addSubcommand(new ResultCommand(cli));
    root.addSubcommand(new WatchCommand(cli));
    root.addSubcommand(new WorkersCommand(cli));
    root.addSubcommand(new QueuesCommand(cli));
    root.addSubcommand(GroupsCommand.commandLine(cli));
    root.addSubcommand(new WebhooksCommand(cli));
    root.addSubcommand(DeadCommand.commandLine(cli));
    root.addSubcommand(new InvalidateCommand(cli));
    root.addSubcommand(new WarmCommand(cli));
    root.addSubcommand(new HealthCommand(cli));
    root.addSubcommand(new SpendCommand(cli));
    root.addSubcommand(BudgetsCommand.commandLine(cli));
    root.addSubcommand(new MonitorCommand(cli));
    root.addSubcommand(new CommandLine.HelpCommand());
    root.setOut(cli.out());
    root.setErr(cli.err());
    root.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          if (e instanceof CliFailure failure) {
            cli.err().println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return failure.exitCode();
          }
          cli.err().println(command.getCommandSpec().qualifiedName() + ": unexpected error: " + e);
          return CliFailure.FAILED;
        });
    return root;
  }

  /** {@code docfleet} alone: the usage, on standard error, and status 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CliFailure.USAGE;
  }
}
