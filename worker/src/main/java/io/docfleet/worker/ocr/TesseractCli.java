package io.docfleet.worker.ocr;

import io.docfleet.worker.provider.ProviderException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tesseract} program, run once per image in a temporary folder that is removed
 * afterwards. {@link #probe} checks at start-up that the binary and its languages are there, so a
 * missing install fails loudly before any document is read.
 */
final class TesseractCli {
  static final String ENGINE = "tesseract";

  private final TesseractSettings settings;
  private final String version;

  private TesseractCli(TesseractSettings settings, String version) {
    this.settings = settings;
    this.version = version;
  }

  /**
   * Finds the binary and checks its languages.
   *
   * @throws ProviderException.Permanent naming what is missing and how to install it
   */
  static TesseractCli probe(TesseractSettings settings) throws ProviderException {
    ProcessRun versionRun = ProcessRun.run(command(settings, "--version"), settings.timeout());
    String version = TesseractOutput.parseVersion(versionRun.output());
    if (versionRun.exitCode() != 0 || version == null) {
      throw ProviderException.permanent(
          ENGINE, "'" + settings.binary() + " --version' failed: " + versionRun.lastLines());
    }
    ProcessRun langs = ProcessRun.run(command(settings, "--list-langs"), settings.timeout());
    List<String> installed = TesseractOutput.parseLanguages(langs.output());
    for (String language : settings.language().split("\\+")) {
      if (!installed.contains(language)) {
        throw ProviderException.permanent(
            ENGINE,
            "language '"
                + language
                + "' is not installed (installed: "
                + String.join(", ", installed)
                + "); install tesseract-ocr-"
                + language
                + " or change TESSERACT_LANG");
      }
    }
    return new TesseractCli(settings, version);
  }

  /** {@code tesseract-5.3.0-eng}. */
  String version() {
    return "tesseract-" + version + "-" + settings.language();
  }

  /** The text of each page of an image file (a TIFF may hold several). */
  List<String> readImage(byte[] image, MediaType type) throws ProviderException {
    return withTempDir(
        dir -> {
          Path input = dir.resolve("input." + type.name().toLowerCase());
          Files.write(input, image);
          return recognize(input, dir, null);
        });
  }

  /** The text of a page rendered as a grey image at {@code dpi}. */
  String readGrayPage(BufferedImage page, int dpi) throws ProviderException {
    List<String> pages =
        withTempDir(
            dir -> {
              Path input = dir.resolve("page.pgm");
              Files.write(input, Pgm.encode(page));
              return recognize(input, dir, dpi);
            });
    return String.join("\n", pages);
  }

  private List<String> recognize(Path input, Path dir, Integer dpi) throws ProviderException {
    List<String> command =
        command(
            settings, input.toString(), dir.resolve("out").toString(), "-l", settings.language());
    if (dpi != null) {
      command.addAll(List.of("--dpi", Integer.toString(dpi)));
    }
    ProcessRun run = ProcessRun.run(command, settings.timeout());
    if (run.exitCode() != 0) {
      throw ProviderException.permanent(
          ENGINE,
          "tesseract cannot read the image (exit " + run.exitCode() + "): " + run.lastLines());
    }
    try {
      return TesseractOutput.splitPages(
          Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw ProviderException.permanent(ENGINE, "tesseract wrote no text: " + run.lastLines(), e);
    }
  }

  private static List<String> command(TesseractSettings settings, String... args) {
    List<String> command = new ArrayList<>();
    command.add(settings.binary());
    command.addAll(List.of(args));
    return command;
  }

  private interface InTempDir<T> {
    T run(Path dir) throws IOException, ProviderException;
  }

  private static <T> T withTempDir(InTempDir<T> body) throws ProviderException {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("docfleet-tesseract-");
      return body.run(dir);
    } catch (IOException e) {
      throw ProviderException.retryable(
          ENGINE, "cannot use a temporary folder (" + e.getMessage() + ")", e);
    } finally {
      TempFiles.deleteQuietly(dir);
    }
  }
}
