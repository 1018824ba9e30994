package io.docfleet.worker.ocr;

import io.docfleet.worker.provider.ProviderException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The kinds of document the OCR engines read, told apart by their first bytes. */
public enum MediaType {
  PDF("application/pdf"),
  PNG("image/png"),
  JPEG("image/jpeg"),
  TIFF("image/tiff"),
  PLAIN_TEXT("text/plain");

  private final String mime;

  MediaType(String mime) {
    this.mime = mime;
  }

  public String mime() {
    return mime;
  }

  public boolean isImage() {
    return this == PNG || this == JPEG || this == TIFF;
  }

  /**
   * The type of {@code content}; an empty or unrecognised input is a permanent failure of {@code
   * engine}.
   */
  public static MediaType detect(byte[] content, String engine) throws ProviderException {
    if (content.length == 0) {
      throw ProviderException.permanent(engine, "empty file (0 bytes): nothing to read");
    }
    return sniff(content)
        .orElseThrow(
            () ->
                ProviderException.permanent(
                    engine,
                    "unsupported file type (first bytes "
                        + hexPrefix(content)
                        + "): expected PDF, PNG, JPEG, TIFF or UTF-8 text"));
  }

  /** The type of {@code content}, or empty when it is none of these. */
  public static Optional<MediaType> sniff(byte[] content) {
    if (startsWith(content, 0, '%', 'P', 'D', 'F', '-')) {
      return Optional.of(PDF);
    }
    if (startsWith(content, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(content, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(content, 0, 'I', 'I', 42, 0) || startsWith(content, 0, 'M', 'M', 0, 42)) {
      return Optional.of(TIFF);
    }
    return isUtf8Text(content) ? Optional.of(PLAIN_TEXT) : Optional.empty();
  }

  /** Valid UTF-8 without NUL or other control characters beyond tab, line breaks and form feed. */
  static boolean isUtf8Text(byte[] content) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      return false;
    }
    return text.chars()
        .noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f');
  }

  private static boolean startsWith(byte[] content, int offset, int... magic) {
    if (content.length < offset + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((content[offset + i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static String hexPrefix(byte[] content) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(8, content.length); i++) {
      hex.append(String.format("%02x", content[i] & 0xFF));
    }
    return hex.toString();
  }
}
