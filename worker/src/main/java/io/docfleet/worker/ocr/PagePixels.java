package io.docfleet.worker.ocr;

import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The size in pixels a PDF page renders to at a resolution, computed from its crop box (PDFBox
 * clips it to the media box) and rotation exactly as PDFBox sizes the image, so a page too large to
 * hold in memory is refused before anything is allocated.
 *
 * @param pageNumber the page, from 1
 * @param widthUnits the page's width in PDF units (1/72 inch), as displayed (after rotation)
 * @param heightUnits its height in PDF units, as displayed
 * @param width the rendered width in pixels, as displayed
 * @param height the rendered height in pixels, as displayed
 * @param dpi the resolution
 */
record PagePixels(
    int pageNumber, float widthUnits, float heightUnits, int width, int height, int dpi) {

  /** Page {@code pageIndex} (from 0) of a document, rendered at {@code dpi}. */
  static PagePixels of(PDPage page, int pageIndex, int dpi) {
    PDRectangle box = page.getCropBox();
    float scale = dpi / 72f; // PDFBox's own arithmetic, in float
    int across = pixels(box.getWidth() * scale);
    int down = pixels(box.getHeight() * scale);
    boolean turned = page.getRotation() == 90 || page.getRotation() == 270;
    return turned
        ? new PagePixels(pageIndex + 1, box.getHeight(), box.getWidth(), down, across, dpi)
        : new PagePixels(pageIndex + 1, box.getWidth(), box.getHeight(), across, down, dpi);
  }

  /** How many pixels the image holds. */
  long count() {
    return (long) width * height;
  }

  /**
   * Why the page is not rendered when it holds more than {@code maxPixels}: the page, its size, its
   * pixels, the limit and the variable that sets it.
   */
  String tooLarge(int maxPixels) {
    return "page "
        + pageNumber
        + " is too large to render for OCR: "
        + units(widthUnits)
        + " x "
        + units(heightUnits)
        + " PDF units are "
        + width
        + " x "
        + height
        + " = "
        + count()
        + " pixels at "
        + dpi
        + " dpi, over the limit of "
        + maxPixels
        + " pixels a page (OCR_MAX_PAGE_PIXELS)";
  }

  private static int pixels(float size) {
    return (int) Math.max(Math.floor(size), 1);
  }

  private static String units(float size) {
    return size == Math.rint(size) ? Long.toString((long) size) : Float.toString(size);
  }
}
