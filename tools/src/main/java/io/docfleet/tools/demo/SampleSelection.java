package io.docfleet.tools.demo;

import io.docfleet.worker.ocr.AutoOcrEngine;
import io.docfleet.worker.ocr.OcrSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which samples the demo runs. Where the OCR worker runs without tesseract ({@code OCR_ENGINE=auto}
 * with no tesseract on the PATH), the files that need it (images, PDFs with a page without a text
 * layer) are skipped, and one line says so and how to install it; everything else runs.
 */
record SampleSelection(List<Path> run, List<Path> skipped, boolean withoutTesseract) {

  SampleSelection {
    run = List.copyOf(run);
    skipped = List.copyOf(skipped);
  }

  /** Splits {@code files} by what the {@code ocr} worker with these settings can read. */
  static SampleSelection of(List<Path> files, OcrSettings ocr) {
    boolean noTesseract =
        ocr.engine() == OcrSettings.Engine.AUTO
            && AutoOcrEngine.runsWithoutTesseract(ocr.tesseract());
    if (!noTesseract) {
      return new SampleSelection(files, List.of(), false);
    }
    List<Path> run = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    for (Path file : files) {
      (AutoOcrEngine.needsTesseract(read(file)) ? skipped : run).add(file);
    }
    if (run.isEmpty()) {
      throw new IllegalStateException(
          "every file needs OCR, and tesseract is not installed: install it ("
              + AutoOcrEngine.INSTALL_TESSERACT
              + ")");
    }
    return new SampleSelection(run, skipped, true);
  }

  /** The one line that says what is skipped and why; empty when nothing is. */
  Optional<String> notice() {
    if (skipped.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "tesseract is not installed, so %d file%s that need%s OCR %s skipped (%s); to read"
                + " them too, install it: %s",
            skipped.size(),
            skipped.size() == 1 ? "" : "s",
            skipped.size() == 1 ? "s" : "",
            skipped.size() == 1 ? "is" : "are",
            skipped.stream().map(f -> f.getFileName().toString()).collect(Collectors.joining(", ")),
            AutoOcrEngine.INSTALL_TESSERACT));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
