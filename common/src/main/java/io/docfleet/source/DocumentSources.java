package io.docfleet.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** Reads a document from whichever source handles its URI, within the size limit. */
public final class DocumentSources {
  private final List<DocumentSource> sources;
  private final long maxBytes;

  public DocumentSources(List<DocumentSource> sources, long maxBytes) {
    this.sources = List.copyOf(sources);
    this.maxBytes = maxBytes;
  }

  /** The sources the settings describe: {@code file://} under the roots, and {@code s3://}. */
  public static DocumentSources from(SourceSettings settings) {
    return new DocumentSources(
        List.of(new FileSource(settings.fileRoots()), new S3Source(settings.s3Client())),
        settings.maxDocumentBytes());
  }

  public SourceDocument read(String uri) throws SourceException {
    return read(parse(uri));
  }

  public SourceDocument read(URI uri) throws SourceException {
    for (DocumentSource source : sources) {
      if (source.handles(uri)) {
        return source.read(uri, maxBytes);
      }
    }
    throw SourceException.permanent(
        "unsupported source " + uri + ": expected s3://bucket/key or file:///path");
  }

  /**
   * The URI of a source string: an {@code s3://} source names its key literally ({@link
   * S3Location#parse(String)}; the URI carries it percent-encoded), anything else is read as a URI.
   * Leading white space is ignored; trailing white space too, except in an S3 key, where it counts.
   */
  public static URI parse(String source) throws SourceException {
    if (source == null || source.isBlank()) {
      throw SourceException.permanent("the task names no source (payload.source)");
    }
    String given = source.stripLeading();
    if (S3Location.isS3(given)) {
      return S3Location.parse(given).toUri();
    }
    try {
      return new URI(given.strip());
    } catch (URISyntaxException e) {
      throw SourceException.permanent(
          "not a valid source URI (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
  }
}
