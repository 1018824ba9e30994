package io.docfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One word per concept (docs/architecture.md, "Glossary"): the words the glossary replaced do not
 * come back in main code, the Lua scripts, the dashboard, the scripts, the deployment files (the
 * alert rules and the Grafana dashboard among them) or the docs. An old name kept for compatibility
 * is allowed only where {@link #KEPT} says, with why.
 */
class RetiredWordsTest {

  /** A retired word: what it was, and the word that replaced it. */
  record Retired(String word, Pattern pattern, String instead) {}

  /** An old name still allowed in some files, and why. */
  record Kept(Pattern token, String files, String why) {
    boolean covers(Path relative) {
      return FileSystems.getDefault().getPathMatcher("glob:" + files).matches(relative);
    }
  }

  static final List<Retired> RETIRED =
      List.of(
          new Retired("settle", Pattern.compile("(?i)settl"), "complete (or end)"),
          new Retired("bury", Pattern.compile("(?i)\\bbur(y|ies|ied|ying)"), "dead-letter"),
          new Retired(
              "give back",
              Pattern.compile("(?i)give_?back|\\b(give|gives|gave|given|giving) back\\b"),
              "return"),
          new Retired("requeue", Pattern.compile("(?i)requeu"), "return"),
          new Retired(
              "recovered (the counter)",
              Pattern.compile("[\"'`]recovered[\"'`]|tasks_recovered|\\bRECOVERED\\b"),
              "returned"),
          new Retired(
              "stale_completions, duplicates_suppressed",
              Pattern.compile("stale_completions|duplicates_suppressed"),
              "stale, duplicates"),
          new Retired("HeldLock", Pattern.compile("\\bHeldLock\\b"), "RunLock"));

  /**
   * In Java code (comments and strings left out) the in-flight list is no longer "processing"
   * (Jackson's {@code JsonProcessingException} is not a name of ours).
   */
  static final Pattern PROCESSING_NAME =
      Pattern.compile("(?<![A-Za-z])processing|[a-z]Processing(?!Exception)");

  /**
   * The compatibility list: each entry an old name, where it may still appear, and why. Anything
   * else that matches a retired word fails the test.
   */
  static final List<Kept> KEPT =
      List.of(
          new Kept(
              Pattern.compile("(?i)\\bun-?settled\\b"),
              "**",
              "the mark older releases stored in task:assignments records, which issue 12 removed;"
                  + " named where the docs tell what changed"),
          new Kept(
              Pattern.compile("(?i)settlement[- ]proposal|stipulation[- ]of[- ]settlement"),
              "{README.md,docs/benchmarks.md,tools/src/main/java/io/docfleet/tools/samples/*.java}",
              "the sample corpus' legal documents and their file names, not a queue act"),
          new Kept(
              Pattern.compile(
                  "[\"'`]?(recovered|requeued_on_shutdown|stale_completions|duplicates_suppressed)"
                      + "[\"'`]?|docfleet_tasks_(recovered|requeued_on_shutdown)"),
              "{common/src/main/java/io/docfleet/queue/QueueCounter.java,"
                  + "coordinator-api/src/main/java/io/docfleet/api/metrics/FleetSnapshots.java,"
                  + "README.md,docs/redis-keys.md}",
              "the counters' and metrics' old names, still read and exported for one release and"
                  + " listed in the README's Upgrading"),
          new Kept(
              Pattern.compile("StatusChange\\.processing\\(|static StatusChange processing\\("),
              "**",
              "a document's status 'processing' (its stages run), another concept, stored in"
                  + " PostgreSQL"));

  /** Corpus text (legal documents), not names: the sample generator's sources of content. */
  static final String CORPUS = "tools/src/main/resources/io/docfleet/tools/samples/**";

  @Test
  void noRetiredWordIsUsedOutsideTheCompatibilityList() {
    List<String> found = new ArrayList<>();
    for (Path file : scannedFiles()) {
      Path relative = Repo.root().relativize(file);
      String text = withoutKept(relative, Repo.read(file));
      for (Retired retired : RETIRED) {
        report(found, relative, text, retired.pattern(), retired.word(), retired.instead());
      }
      if (relative.toString().endsWith(".java")) {
        report(found, relative, code(text), PROCESSING_NAME, "processing", "inFlight");
      }
    }
    assertThat(found).as("retired words (docs/architecture.md, Glossary)").isEmpty();
  }

  @Test
  void theScanSeesEveryKindOfFileItMeansTo() {
    List<String> scanned = scannedFiles().stream().map(f -> Repo.relative(f)).toList();
    assertThat(scanned)
        .contains(
            "README.md",
            "docs/architecture.md",
            "common/src/main/resources/io/docfleet/lua/complete.lua",
            "coordinator-api/src/main/resources/io/docfleet/api/dashboard/dashboard.js",
            "worker/src/main/java/io/docfleet/worker/queue/WorkerQueue.java",
            "scripts/docfleet",
            "deploy/k8s/base/worker-ocr.yaml",
            "deploy/prometheus/docfleet-rules.yml",
            "deploy/prometheus/tests/workers.yml",
            "deploy/grafana/docfleet-dashboard.json")
        .noneMatch(f -> f.contains("/src/test/") || f.contains("/target/"));
  }

  @Test
  void theRulesCatchWhatTheyRetire() {
    assertThat(retiredIn("docs/x.md", "the reaper gives back what it finds; settle.lua"))
        .containsExactly("settle", "give back");
    assertThat(retiredIn("a/src/main/java/A.java", "queue.bury(item); queue.giveBack(items);"))
        .containsExactly("bury", "give back");
    assertThat(retiredIn("a/src/main/java/A.java", "counter(\"recovered\"); requeueAll()"))
        .containsExactly("requeue", "recovered (the counter)");
    assertThat(retiredIn("README.md", "`recovered` and the mark `unsettled`")).isEmpty();
    assertThat(retiredIn("docs/x.md", "`recovered`")).containsExactly("recovered (the counter)");
    assertThat(code("String processing = \"processing\"; // processing"))
        .containsOnlyOnce("processing");
    assertThat(PROCESSING_NAME.matcher(code("keys.processing(type, worker);")).find()).isTrue();
    assertThat(
            PROCESSING_NAME
                .matcher(
                    withoutKept(
                        Path.of("a/src/main/java/A.java"),
                        "StatusChange.processing(stage, 1); catch (JsonProcessingException e)"))
                .find())
        .isFalse();
  }

  private static List<String> retiredIn(String relative, String text) {
    String kept = withoutKept(Path.of(relative), text);
    return RETIRED.stream()
        .filter(r -> r.pattern().matcher(kept).find())
        .map(Retired::word)
        .toList();
  }

  private static void report(
      List<String> found,
      Path relative,
      String text,
      Pattern pattern,
      String word,
      String instead) {
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      int line = (int) text.substring(0, matcher.start()).chars().filter(c -> c == '\n').count();
      found.add(relative + ":" + (line + 1) + ": '" + word + "', say '" + instead + "'");
    }
  }

  /** The text with every kept name that applies to the file blanked out. */
  private static String withoutKept(Path relative, String text) {
    String kept = text;
    for (Kept entry : KEPT) {
      if (entry.covers(relative)) {
        kept = entry.token().matcher(kept).replaceAll(m -> " ".repeat(m.group().length()));
      }
    }
    return kept;
  }

  /** Java code with its comments and string literals blanked out, lines kept. */
  static String code(String java) {
    return Pattern.compile("/\\*(?s:.*?)\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\\\n])*\"")
        .matcher(java)
        .replaceAll(m -> m.group().replaceAll("[^\\n]", " "));
  }

  /**
   * Main code and resources of every module, the README, the docs, the scripts and the deployment
   * files; never tests or build output, nor the sample corpus' text.
   */
  private static List<Path> scannedFiles() {
    List<PathMatcher> scanned =
        Stream.of(
                "*/src/main/**",
                "README.md",
                "docs/**",
                "scripts/**",
                "deploy/**.yaml",
                "deploy/**.yml",
                "deploy/grafana/**",
                "deploy/**.sh",
                "deploy/docker/**",
                ".ci/**")
            .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
            .toList();
    PathMatcher corpus = FileSystems.getDefault().getPathMatcher("glob:" + CORPUS);
    try (Stream<Path> files = Files.walk(Repo.root())) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
          .filter(f -> scanned.stream().anyMatch(m -> m.matches(Repo.root().relativize(f))))
          .filter(f -> !corpus.matches(Repo.root().relativize(f)))
          .filter(f -> !isBinary(f))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isBinary(Path file) {
    String name = file.getFileName().toString();
    return name.matches(".*\\.(png|jpg|pdf|ico|jar|class|woff2?)$");
  }
}
