package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The README names every command {@code scripts/docfleet} runs: its command-line section has a row
 * for each, with the options {@code --help} lists, and the scripts table names them all. A command
 * or option added to the CLI without a word in the README fails here.
 */
class ReadmeCommandsTest {
  private static final String CLI_SECTION = "### The command line: `scripts/docfleet`";

  private final Map<String, List<String>> commands = CliCommands.read(Repo.root());
  private final String readme = Repo.read(Repo.root().resolve("README.md"));

  @Test
  void theCommandsAndOptionsAreSeenInTheSources() {
    assertThat(commands)
        .containsKeys("submit", "status", "watch", "dead list", "dead purge", "monitor", "help")
        .doesNotContainKeys("docfleet", "dead")
        .containsEntry("migrate-keys", List.of("--apply"))
        .containsEntry("monitor", List.of("--once", "--interval"))
        .containsEntry("dead retry", List.of("--id", "--limit"));
    assertThat(commands.get("submit")).contains("--wait", "--interval", "--id", "--media-type");
  }

  @Test
  void theCommandLineSectionHasARowForEveryCommandWithItsOptions() {
    List<String> rows = tableRows(section(readme, CLI_SECTION));
    List<String> missing = new ArrayList<>();
    commands.forEach(
        (command, options) -> {
          Optional<String> row = rows.stream().filter(r -> firstCellNames(r, command)).findFirst();
          if (row.isEmpty()) {
            missing.add(command);
          } else {
            options.stream()
                .filter(o -> !row.get().contains(o))
                .forEach(o -> missing.add(command + " " + o));
          }
        });
    assertThat(missing).as("commands and options the README's table does not name").isEmpty();
  }

  @Test
  void theScriptsTableNamesEveryCommand() {
    String row =
        readme
            .lines()
            .filter(l -> l.startsWith("| `scripts/docfleet` |"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no scripts/docfleet row in the scripts table"));
    assertThat(commands.keySet().stream().filter(command -> !row.contains("`" + command + "`")))
        .as("commands the scripts table's scripts/docfleet row does not name")
        .isEmpty();
  }

  /** A row whose first cell starts with the command, alone or followed by its arguments. */
  private static boolean firstCellNames(String row, String command) {
    String cell = row.substring(1).split("(?<!\\\\)\\|", 2)[0].strip();
    return cell.startsWith("`" + command + " ") || cell.startsWith("`" + command + "`");
  }

  private static String section(String markdown, String heading) {
    int start = markdown.indexOf(heading + "\n");
    assertThat(start).as("the README's section " + heading).isNotNegative();
    int end = markdown.indexOf("\n### ", start + heading.length());
    int chapter = markdown.indexOf("\n## ", start + heading.length());
    if (end < 0 || (chapter >= 0 && chapter < end)) {
      end = chapter;
    }
    return end < 0 ? markdown.substring(start) : markdown.substring(start, end);
  }

  private static List<String> tableRows(String text) {
    return text.lines().filter(l -> l.startsWith("| `")).toList();
  }
}
