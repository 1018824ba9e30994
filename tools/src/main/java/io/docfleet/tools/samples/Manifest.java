package io.docfleet.tools.samples;

import io.docfleet.tools.samples.SampleCorpus.Written;
import java.util.List;
import java.util.stream.Collectors;

/** Renders {@code samples/MANIFEST.md}: each file, its media type, pages and planted entities. */
final class Manifest {
  static final String FILE_NAME = "MANIFEST.md";

  private Manifest() {}

  static String render(List<Written> written) {
    StringBuilder out = new StringBuilder();
    out.append("# docfleet sample corpus\n\n")
        .append("Written by `scripts/make-samples` (`io.docfleet.tools.samples.SampleCorpus`);")
        .append(" do not edit these files by hand.\n")
        .append("`SampleCorpusTest` fails when they differ from what the generator writes.")
        .append(" Names, firms, cases and numbers are invented;\n")
        .append(
            "phone numbers use the fictional 555-01xx range. Each planted string appears word for")
        .append(" word\non one line (pictures hold it only as pixels, for OCR to read).\n\n")
        .append("| file | media type | pages | text layer | bytes |\n")
        .append("|---|---|---|---|---|\n");
    for (Written file : written) {
      Format format = file.sample().format();
      out.append(
          String.format(
              "| %s | %s | %d | %s | %d |%n",
              file.sample().fileName(),
              format.mediaType(),
              file.pages(),
              textLayer(format),
              file.bytes()));
    }
    for (Written file : written) {
      Sample sample = file.sample();
      out.append("\n## ").append(sample.fileName()).append("\n\n");
      out.append(sample.title()).append(".\n\n");
      sample
          .entities()
          .forEach(
              (type, values) ->
                  out.append("- ")
                      .append(type.entityType())
                      .append(": ")
                      .append(
                          values.stream().map(v -> "`" + v + "`").collect(Collectors.joining(", ")))
                      .append('\n'));
    }
    return out.toString();
  }

  private static String textLayer(Format format) {
    return switch (format) {
      case TEXT_PDF -> "yes";
      case SCANNED_PDF -> "no (image only, 300 dpi CCITT G4)";
      case PNG -> "no (image, 200 dpi, 1 bit)";
      case PLAIN_TEXT -> "is text";
    };
  }
}
