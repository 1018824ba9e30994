package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link of README.md and docs/*.md leads to a file of the repository, and every
 * anchor to a heading of its file: moving a section, or renaming a heading, must take the links to
 * it along.
 */
class DocLinksTest {
  @Test
  void everyRelativeLinkInTheReadmeAndTheDocsLeadsToAnExistingFileAndHeading() throws IOException {
    Path root = Repo.root();
    List<String> problems = new ArrayList<>();
    for (Path file : documentation(root)) {
      problems.addAll(MarkdownLinks.broken(root, file));
    }
    assertThat(problems).as("broken links").isEmpty();
  }

  @Test
  void theCheckIsSeenToFollowLinks() throws IOException {
    Path root = Repo.root();
    long relative =
        documentation(root).stream()
            .flatMap(f -> MarkdownLinks.links(Repo.read(f)).stream())
            .filter(l -> !l.target().startsWith("http"))
            .count();
    assertThat(documentation(root)).contains(root.resolve("README.md"));
    assertThat(relative).as("relative links read").isGreaterThan(10);
  }

  @Test
  void aLinkToAMissingFileOrHeadingIsReportedWithItsLine(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("docs/api.md"), "# The API\n\n## Errors and `codes`\n");
    Path readme = root.resolve("README.md");
    Files.writeString(
        readme,
        String.join(
            "\n",
            "# Title",
            "See [the API](docs/api.md), [errors](docs/api.md#errors-and-codes),",
            "[gone](docs/gone.md), [a section](docs/api.md#sizing) and [here](#nowhere).",
            "[the web](https://example.com/x.md#y) is not checked, nor `[code](missing.md)`:",
            "```",
            "[in a block](also-missing.md)",
            "```",
            "[up](#title)"));

    assertThat(MarkdownLinks.broken(root, readme))
        .containsExactly(
            "README.md:3: docs/gone.md (no such file: docs/gone.md)",
            "README.md:3: docs/api.md#sizing (no heading makes #sizing in docs/api.md)",
            "README.md:3: #nowhere (no heading makes #nowhere in README.md)");
  }

  @Test
  void headingsMakeTheAnchorsGitHubMakes() {
    assertThat(
            MarkdownLinks.anchors(
                String.join(
                    "\n",
                    "# docfleet",
                    "### The coordinator's variables",
                    "### The command line: `scripts/docfleet`",
                    "#### Failover: what survives and what may not",
                    "## Notes",
                    "## Notes",
                    "```",
                    "# not a heading",
                    "```")))
        .containsExactly(
            "docfleet",
            "the-coordinators-variables",
            "the-command-line-scriptsdocfleet",
            "failover-what-survives-and-what-may-not",
            "notes",
            "notes-1");
  }

  /** README.md and every Markdown file of docs/. */
  static List<Path> documentation(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }
}
