package io.docfleet.document;

/**
 * The text of one page (1-based), and how it was obtained: {@code text-layer} (PDFBox), {@code
 * tesseract}, {@code textract}, or {@code plain} for text files.
 */
public record PageText(int number, String text, String method) {}
