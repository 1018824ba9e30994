package io.docfleet.tools.samples;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * Gives a sample PDF the same metadata on every run: fixed creation and modification dates, and a
 * document ID taken from the file name instead of the clock (PDFBox would otherwise make one up
 * from the time of saving), so a rerun of the generator leaves git with nothing to commit.
 */
final class FixedMetadata {
  private FixedMetadata() {}

  static void apply(PDDocument document, String fileName, String title) {
    PDDocumentInformation info = document.getDocumentInformation();
    info.setTitle(title);
    info.setCreator("docfleet scripts/make-samples");
    info.setCreationDate(fixedDate());
    info.setModificationDate(fixedDate());
    byte[] id = md5("docfleet sample " + fileName);
    COSArray ids = new COSArray();
    ids.add(new COSString(id));
    ids.add(new COSString(id));
    document.getDocument().getTrailer().setItem(COSName.ID, ids);
  }

  private static Calendar fixedDate() {
    Calendar date = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    date.clear();
    date.set(2025, Calendar.JUNE, 2, 9, 0, 0);
    return date;
  }

  private static byte[] md5(String text) {
    try {
      return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }
}
