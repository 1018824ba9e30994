package io.docfleet.worker.ocr;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.worker.provider.ProviderException;

/** Tests that need the tesseract binary skip, saying why, where it is not installed. */
final class TesseractAvailability {
  static final String HOW_TO_INSTALL =
      "tesseract binary not found on PATH: install it (apt-get install tesseract-ocr"
          + " tesseract-ocr-eng) to run the tesseract tests";

  private static TesseractCli cli;
  private static String problem;

  private TesseractAvailability() {}

  static synchronized TesseractCli require() {
    if (cli == null && problem == null) {
      try {
        cli = TesseractCli.probe(TesseractSettings.defaults());
      } catch (ProviderException e) {
        problem = e.getMessage();
      }
    }
    assumeTrue(cli != null, () -> HOW_TO_INSTALL + " (" + problem + ")");
    return cli;
  }
}
