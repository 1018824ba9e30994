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

  public static URI parse(String uri) throws SourceException {
    if (uri == null || uri.isBlank()) {
      throw SourceException.permanent("the task names no source (payload.source)");
    }
    try {
      return new URI(uri.trim());
    } catch (URISyntaxException e) {
      throw SourceException.permanent("not a valid source URI: " + uri);
    }
  }
}
