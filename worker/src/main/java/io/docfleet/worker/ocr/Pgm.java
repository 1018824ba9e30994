package io.docfleet.worker.ocr;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.charset.StandardCharsets;

/**
 * Binary PGM (P5) encoding of a grey image: a header and the raw bytes, much faster to write than
 * PNG for a 300 dpi page, and read by tesseract directly.
 */
final class Pgm {
  private Pgm() {}

  static byte[] encode(BufferedImage image) {
    BufferedImage gray = toGray(image);
    int width = gray.getWidth();
    int height = gray.getHeight();
    byte[] header = ("P5\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[header.length + width * height];
    System.arraycopy(header, 0, out, 0, header.length);
    Raster raster = gray.getRaster();
    byte[] row = new byte[width];
    for (int y = 0; y < height; y++) {
      raster.getDataElements(0, y, width, 1, row);
      System.arraycopy(row, 0, out, header.length + y * width, width);
    }
    return out;
  }

  private static BufferedImage toGray(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      return image;
    }
    BufferedImage gray =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    gray.getGraphics().drawImage(image, 0, 0, null);
    return gray;
  }
}
