package io.docfleet.tools.samples;

/** How a sample is written, with its media type and, for pictures, the scan resolution. */
public enum Format {
  /** A PDF with a text layer, set in the standard 14 fonts. */
  TEXT_PDF("application/pdf", 0),
  /** A PDF whose pages are only black-and-white images: text is there for OCR alone. */
  SCANNED_PDF("application/pdf", 300),
  /** A PNG picture of the first page. */
  PNG("image/png", 200),
  /** The source text itself. */
  PLAIN_TEXT("text/plain", 0);

  private final String mediaType;
  private final int dpi;

  Format(String mediaType, int dpi) {
    this.mediaType = mediaType;
    this.dpi = dpi;
  }

  public String mediaType() {
    return mediaType;
  }

  int dpi() {
    return dpi;
  }
}
