package io.docfleet.deploy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown files and the anchors their headings make, read as GitHub renders
 * them: links inside code (fenced blocks, backtick spans) are text, and a heading's anchor is its
 * text in lower case, without punctuation, spaces turned to hyphens, {@code -1}, {@code -2}... for
 * repeats.
 */
final class MarkdownLinks {
  private static final Pattern INLINE_LINK =
      Pattern.compile(
          "\\[(?:[^\\[\\]]|\\[[^\\]]*])*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("^\\s{0,3}\\[[^\\]]+]:\\s*<?([^\\s>]+)>?");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
  private static final Pattern HEADING =
      Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
  private static final Pattern HTML_ANCHOR =
      Pattern.compile("<a\\s+(?:name|id)\\s*=\\s*\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~)");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  /** A link's target as written, and the line it is on (1 for the first). */
  record Link(int line, String target) {}

  private MarkdownLinks() {}

  /** The links of a Markdown text, those inside code left out. */
  static List<Link> links(String markdown) {
    List<Link> links = new ArrayList<>();
    List<String> lines = proseLines(markdown);
    for (int i = 0; i < lines.size(); i++) {
      String prose = CODE_SPAN.matcher(lines.get(i)).replaceAll("");
      Matcher inline = INLINE_LINK.matcher(prose);
      while (inline.find()) {
        links.add(new Link(i + 1, inline.group(1)));
      }
      Matcher reference = REFERENCE_DEFINITION.matcher(prose);
      if (reference.find()) {
        links.add(new Link(i + 1, reference.group(1)));
      }
    }
    return links;
  }

  /** The anchors a Markdown text's headings (and its {@code <a id>} tags) make. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : proseLines(markdown)) {
      Matcher html = HTML_ANCHOR.matcher(line);
      while (html.find()) {
        anchors.add(html.group(1));
      }
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(1));
        int repeats = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
      }
    }
    return anchors;
  }

  /** GitHub's anchor for a heading's text. */
  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1"); // a link: its text
    StringBuilder slug = new StringBuilder();
    text.toLowerCase(Locale.ROOT)
        .codePoints()
        .forEach(
            c -> {
              if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
              } else if (c == ' ') {
                slug.append('-');
              }
            });
    return slug.toString();
  }

  /** What is wrong with each relative link of {@code file}: a missing file or heading. */
  static List<String> broken(Path root, Path file) {
    List<String> problems = new ArrayList<>();
    String where = root.relativize(file).toString();
    for (Link link : links(Repo.read(file))) {
      String target = link.target();
      if (SCHEME.matcher(target).find()) {
        continue; // http:, https:, mailto:: not a file of the repository
      }
      int hash = target.indexOf('#');
      String path = hash < 0 ? target : target.substring(0, hash);
      String anchor = hash < 0 ? "" : target.substring(hash + 1);
      Path linked =
          path.isEmpty()
              ? file
              : file.getParent()
                  .resolve(URLDecoder.decode(path, StandardCharsets.UTF_8))
                  .normalize();
      String at = where + ":" + link.line() + ": " + target;
      if (!linked.startsWith(root) || !Files.exists(linked)) {
        problems.add(at + " (no such file: " + path + ")");
      } else if (!anchor.isEmpty()) {
        if (!linked.toString().endsWith(".md")) {
          problems.add(at + " (an anchor into a file that is not Markdown)");
        } else if (!anchors(Repo.read(linked)).contains(anchor)) {
          problems.add(
              at + " (no heading makes #" + anchor + " in " + root.relativize(linked) + ")");
        }
      }
    }
    return problems;
  }

  /** The lines of a Markdown text, those of fenced code blocks blanked (so numbers stay). */
  private static List<String> proseLines(String markdown) {
    List<String> lines = new ArrayList<>();
    String fence = null;
    for (String line : markdown.split("\n", -1)) {
      Matcher opens = FENCE.matcher(line);
      if (fence == null && opens.find()) {
        fence = opens.group(1);
        lines.add("");
      } else if (fence != null) {
        if (line.strip().startsWith(fence)) {
          fence = null;
        }
        lines.add("");
      } else {
        lines.add(line);
      }
    }
    return lines;
  }
}
