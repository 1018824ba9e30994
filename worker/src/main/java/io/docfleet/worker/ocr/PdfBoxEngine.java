package io.docfleet.worker.ocr;

import io.docfleet.document.PageText;
import io.docfleet.worker.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * {@code OCR_ENGINE=pdfbox}: the text layer of a PDF, page by page, and nothing else. A scanned
 * page comes back blank; images are refused (they need OCR).
 */
public final class PdfBoxEngine implements OcrEngine {
  public static final String NAME = "pdfbox";
  static final String METHOD = "text-layer";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return PdfDocuments.version();
  }

  @Override
  public List<PageText> recognize(OcrInput input) throws ProviderException {
    MediaType type = MediaType.detect(input.content(), NAME);
    return switch (type) {
      case PLAIN_TEXT -> PlainText.pages(input.content(), NAME);
      case PDF -> textLayer(input.content());
      case PNG, JPEG, TIFF ->
          throw ProviderException.permanent(
              NAME,
              "an image ("
                  + type.mime()
                  + ") has no text layer; use OCR_ENGINE=auto, tesseract or textract for images");
    };
  }

  private static List<PageText> textLayer(byte[] content) throws ProviderException {
    PDDocument document = PdfDocuments.open(content, NAME);
    try {
      List<String> texts = PdfDocuments.textLayer(document, NAME);
      List<PageText> pages = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        pages.add(new PageText(i + 1, texts.get(i), METHOD));
      }
      return pages;
    } finally {
      PdfDocuments.close(document);
    }
  }
}
