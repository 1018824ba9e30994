// Used by scripts/test, run as a single-file Java program (Java and Maven are all a user needs):
//   java TestReport.java progress          reads Maven's output on stdin, prints a line per module
//                                          and per finished test class (mvn -q prints nothing for
//                                          minutes, and Maven's whole output is too long to read)
//   java TestReport.java summary [--partial | --fast]
//                                          prints the counts from the Surefire reports, ending with
//                                          the closing line "tests: N passed, N failed, N skipped"
// A test class whose set-up failed (its @BeforeAll, an extension) is reported by Surefire as one
// error with none of its tests run, and a module Maven never reached has no reports at all: both
// are counted as classes that did not run, with the test methods their sources hold, so that a
// short count never looks like a clean one. --partial (a run narrowed by -pl or -Dtest) leaves out
// the classes that were never started; --fast (scripts/test --fast) leaves out the never started
// classes tagged slow (@SlowTest or @Tag("slow")), saying how many, and counts the others.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class TestReport {
  private static final Pattern MODULE =
      Pattern.compile("^\\[INFO\\] Building (.+?) \\S*SNAPSHOT\\S* +(\\[\\d+/\\d+\\])");
  private static final Pattern FINISHED =
      Pattern.compile(
          "^\\[(?:INFO|ERROR|WARNING)\\] Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+),"
              + " Skipped: (\\d+), Time elapsed: ([\\d.,]+) s.*? -+ in (\\S+)");
  private static final Pattern TEST_FILE = Pattern.compile("(Test.*|.*Test|.*Tests|.*TestCase)\\.java");
  private static final Pattern TEST_METHOD =
      Pattern.compile("@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b");
  private static final Pattern ABSTRACT = Pattern.compile("\\babstract\\s+class\\b");
  private static final Pattern SLOW = Pattern.compile("@SlowTest\\b|@Tag\\(\"slow\"\\)");

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("progress")) {
      progress();
    } else if (args.length > 0 && args[0].equals("summary")) {
      summary(args.length > 1 ? args[1] : "");
    } else {
      System.err.println("usage: java TestReport.java progress | summary [--partial | --fast]");
      System.exit(2);
    }
  }

  static void progress() throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      Matcher module = MODULE.matcher(line);
      if (module.find()) {
        System.out.println(module.group(2) + " " + module.group(1));
        System.out.flush();
        continue;
      }
      Matcher done = FINISHED.matcher(line);
      if (done.find()) {
        int bad = Integer.parseInt(done.group(2)) + Integer.parseInt(done.group(3));
        int skipped = Integer.parseInt(done.group(4));
        String counts =
            done.group(1)
                + " tests"
                + (bad > 0 ? ", " + bad + " failed" : "")
                + (skipped > 0 ? ", " + skipped + " skipped" : "");
        String name = done.group(6).substring(done.group(6).lastIndexOf('.') + 1);
        System.out.printf(
            "  %s %-46s %-26s %s s%n", bad > 0 ? "FAIL" : "ok  ", name, counts, done.group(5));
        System.out.flush();
      }
    }
  }

  static void summary(String option) throws Exception {
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    List<String> reported = new ArrayList<>();
    List<String> notStarted = new ArrayList<>();
    for (Path report : reports()) {
      Element suite =
          DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
              .getDocumentElement();
      String name = suite.getAttribute("name");
      reported.add(name);
      int tests = number(suite, "tests");
      int bad = number(suite, "failures") + number(suite, "errors");
      int skip = number(suite, "skipped");
      passed += tests - bad - skip;
      failed += bad;
      skipped += skip;
      if (bad > 0 && onlyClassLevelCases(suite, name)) {
        notStarted.add(name);
      }
    }
    Map<String, Source> sources = sources();
    List<String> neverStarted = new ArrayList<>();
    List<String> leftOutAsSlow = new ArrayList<>();
    if (!option.equals("--partial")) {
      sources.keySet().stream().filter(n -> !reported.contains(n)).forEach(neverStarted::add);
    }
    if (option.equals("--fast")) {
      neverStarted.stream().filter(n -> sources.get(n).slow()).forEach(leftOutAsSlow::add);
      neverStarted.removeAll(leftOutAsSlow);
      System.out.printf(
          "left out as slow (--fast): %d test classes, about %d tests%n",
          leftOutAsSlow.size(), leftOutAsSlow.stream().mapToInt(n -> sources.get(n).methods()).sum());
    }
    if (!notStarted.isEmpty() || !neverStarted.isEmpty()) {
      int lost =
          Stream.concat(notStarted.stream(), neverStarted.stream())
              .mapToInt(n -> sources.containsKey(n) ? sources.get(n).methods() : 0)
              .sum();
      System.out.printf(
          "did not run: about %d tests, in %d test classes that failed to start and %d that"
              + " never started%n",
          lost, notStarted.size(), neverStarted.size());
      notStarted.stream().sorted().forEach(n -> System.out.println("  failed to start: " + n));
      Map<String, Integer> byModule = new TreeMap<>();
      neverStarted.forEach(n -> byModule.merge(sources.get(n).module(), 1, Integer::sum));
      byModule.forEach(
          (module, count) ->
              System.out.printf("  never started: %d test classes of %s/%n", count, module));
    }
    System.out.printf("tests: %d passed, %d failed, %d skipped%n", passed, failed, skipped);
  }

  private record Source(String module, int methods, boolean slow) {}

  private static List<Path> reports() throws IOException {
    List<Path> reports = new ArrayList<>();
    try (Stream<Path> modules = Files.list(Path.of("."))) {
      for (Path module : modules.toList()) {
        Path folder = module.resolve("target/surefire-reports");
        if (Files.isDirectory(folder)) {
          try (Stream<Path> files = Files.list(folder)) {
            files
                .filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml"))
                .forEach(reports::add);
          }
        }
      }
    }
    return reports;
  }

  /** True when every test case of a failed suite is the class itself: its set-up failed. */
  private static boolean onlyClassLevelCases(Element suite, String className) {
    NodeList cases = suite.getElementsByTagName("testcase");
    String simple = className.substring(className.lastIndexOf('.') + 1);
    for (int i = 0; i < cases.getLength(); i++) {
      String name = ((Element) cases.item(i)).getAttribute("name");
      if (!name.isEmpty() && !name.equals(className) && !name.equals(simple)) {
        return false;
      }
    }
    return true;
  }

  /** Every concrete test class in the modules' test sources, with how many tests it declares. */
  private static Map<String, Source> sources() throws IOException {
    Map<String, Source> found = new TreeMap<>();
    try (Stream<Path> modules = Files.list(Path.of("."))) {
      for (Path module : modules.toList()) {
        Path root = module.resolve("src/test/java");
        if (!Files.isDirectory(root)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(root)) {
          for (Path file : files.toList()) {
            if (!TEST_FILE.matcher(file.getFileName().toString()).matches()) {
              continue;
            }
            String text = Files.readString(file);
            long methods = TEST_METHOD.matcher(text).results().count();
            if (methods == 0 || ABSTRACT.matcher(text).find()) {
              continue;
            }
            String relative = root.relativize(file).toString();
            String name = relative.substring(0, relative.length() - 5).replace('/', '.');
            found.put(
                name,
                new Source(
                    module.getFileName().toString(), (int) methods, SLOW.matcher(text).find()));
          }
        }
      }
    }
    return found;
  }

  private static int number(Element suite, String attribute) {
    String value = suite.getAttribute(attribute);
    return value.isEmpty() ? 0 : Integer.parseInt(value);
  }
}
