package io.docfleet.source;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The bucket and key of an {@code s3://bucket/key} source.
 *
 * <p>A source string names its key literally, as the AWS CLI reads it: everything after the
 * bucket's slash, nothing percent-decoded, so {@code s3://inbox/a b#1%20.pdf} is the key {@code a
 * b#1%20.pdf} and every key S3 allows round-trips through {@link #parse(String)} and {@link
 * #source()}. Refused: a bucket that is not 1 to 255 letters, digits, {@code .}, {@code _} or
 * {@code -}; an empty key, one over 1,024 bytes of UTF-8, one that is not valid Unicode, or one
 * with a control character (U+0000 to U+001F, U+007F to U+009F), which no log line or PostgreSQL
 * text column carries safely.
 *
 * <p>{@link #toUri()} is the same location as a {@link URI}, its key percent-encoded byte by byte
 * (all but unreserved characters and {@code /}), for code that passes URIs along; {@link
 * #parse(URI)} reads that form back.
 */
public record S3Location(String bucket, String key) {
  public static final String PREFIX = "s3://";
  public static final int MAX_KEY_BYTES = 1024;
  private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9._-]{1,255}");
  private static final String FORM = "an s3://bucket/key source";

  /** True when {@code source} is meant as an S3 source (whether or not it is a valid one). */
  public static boolean isS3(String source) {
    return source != null && source.startsWith(PREFIX);
  }

  /** The bucket and key a source string names, the key taken literally. */
  public static S3Location parse(String source) throws SourceException {
    if (!isS3(source)) {
      throw SourceException.permanent("not " + FORM);
    }
    String rest = source.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw SourceException.permanent("not " + FORM + ": it names no key after the bucket");
    }
    return checked(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** The bucket and key of a URI as {@link #toUri()} writes it: the key percent-decoded. */
  public static S3Location parse(URI uri) throws SourceException {
    String path = uri.getRawPath();
    if (!"s3".equals(uri.getScheme())
        || uri.getRawAuthority() == null
        || path == null
        || !path.startsWith("/")
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw SourceException.permanent("not an s3://bucket/key URI");
    }
    return checked(uri.getRawAuthority(), decode(path.substring(1)));
  }

  private static S3Location checked(String bucket, String key) throws SourceException {
    if (!BUCKET.matcher(bucket).matches()) {
      throw SourceException.permanent(
          "not " + FORM + ": the bucket must be 1 to 255 letters, digits, '.', '_' or '-'");
    }
    if (key.isEmpty()) {
      throw SourceException.permanent("not " + FORM + ": the key is empty");
    }
    if (key.chars().anyMatch(Character::isISOControl)) {
      throw SourceException.permanent(
          "not " + FORM + ": the key holds a control character (such as a line break)");
    }
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(key)) {
      throw SourceException.permanent("not " + FORM + ": the key is not valid Unicode");
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw SourceException.permanent(
          "not " + FORM + ": the key is longer than S3's " + MAX_KEY_BYTES + " bytes");
    }
    return new S3Location(bucket, key);
  }

  /** The source string: {@code s3://<bucket>/<key>}, the key as it is. */
  public String source() {
    return PREFIX + bucket + "/" + key;
  }

  public String fileName() {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? key : key.substring(slash + 1);
  }

  /** This location as a URI, the key percent-encoded byte by byte; {@link #parse(URI)} reverses. */
  public URI toUri() {
    StringBuilder path = new StringBuilder();
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (isUnreserved(c) || c == '/') {
        path.append(c);
      } else {
        path.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        path.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return URI.create(PREFIX + bucket + "/" + path);
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /** Strict percent-decoding: every {@code %} opens two hex digits; the bytes must be UTF-8. */
  private static String decode(String encoded) throws SourceException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int plain = 0;
    for (int i = encoded.indexOf('%'); i >= 0; i = encoded.indexOf('%', plain)) {
      bytes.writeBytes(encoded.substring(plain, i).getBytes(StandardCharsets.UTF_8));
      int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
      int low = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
      if (high < 0 || low < 0) {
        throw SourceException.permanent("not an s3://bucket/key URI: a '%' without two hex digits");
      }
      bytes.write(high << 4 | low);
      plain = i + 3;
    }
    bytes.writeBytes(encoded.substring(plain).getBytes(StandardCharsets.UTF_8));
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw SourceException.permanent("not an s3://bucket/key URI: the key is not UTF-8");
    }
  }
}
