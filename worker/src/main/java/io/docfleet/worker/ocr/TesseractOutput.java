package io.docfleet.worker.ocr;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses what the tesseract program prints and writes. */
final class TesseractOutput {
  private static final Pattern VERSION = Pattern.compile("(?m)^tesseract v?(\\S+)");

  private TesseractOutput() {}

  /** {@code 5.3.0} from the first line of {@code tesseract --version}; null when absent. */
  static String parseVersion(String output) {
    Matcher m = VERSION.matcher(output);
    return m.find() ? m.group(1) : null;
  }

  /** The language codes listed by {@code tesseract --list-langs}, after its header line. */
  static List<String> parseLanguages(String output) {
    List<String> languages = new ArrayList<>();
    for (String line : output.lines().toList()) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.contains(" ") && !trimmed.endsWith(":")) {
        languages.add(trimmed);
      }
    }
    return languages;
  }

  /** Tesseract ends every page with a form feed: one normalised text per page. */
  static List<String> splitPages(String text) {
    List<String> pages = new ArrayList<>();
    String[] parts = text.split("\f", -1);
    for (int i = 0; i < parts.length; i++) {
      boolean trailing = i == parts.length - 1 && parts.length > 1;
      if (!(trailing && parts[i].isBlank())) {
        pages.add(PageTexts.normalize(parts[i]));
      }
    }
    return pages;
  }
}
