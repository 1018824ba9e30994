package io.docfleet.source;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where documents may be read from: {@code DOCFLEET_FILE_ROOTS} (comma list of folders for {@code
 * file://} sources; none by default), {@code DOCFLEET_MAX_DOCUMENT_BYTES} (default 50 MiB), {@code
 * AWS_REGION} (default us-east-1) and {@code AWS_ENDPOINT_URL_S3} (an S3-compatible store; path
 * style access). AWS credentials come from the SDK's default chain.
 */
public record SourceSettings(
    List<Path> fileRoots, long maxDocumentBytes, Region region, Optional<URI> s3Endpoint) {

  public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;

  public SourceSettings {
    fileRoots = List.copyOf(fileRoots);
  }

  public static SourceSettings fromEnv(Env env) {
    List<Path> roots = env.list("DOCFLEET_FILE_ROOTS", List.of()).stream().map(Path::of).toList();
    long maxBytes = env.positiveInt("DOCFLEET_MAX_DOCUMENT_BYTES", (int) DEFAULT_MAX_BYTES);
    return new SourceSettings(
        roots,
        maxBytes,
        Region.of(env.string("AWS_REGION", "us-east-1")),
        endpoint(env, "AWS_ENDPOINT_URL_S3"));
  }

  /** An endpoint override such as {@code AWS_ENDPOINT_URL_S3}; empty when unset. */
  public static Optional<URI> endpoint(Env env, String variable) {
    Optional<String> value = env.get(variable);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(value.get());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(value.get(), "no scheme or host");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new ConfigException(variable, "an URL such as http://127.0.0.1:9000", value.get());
    }
  }

  /** An S3 client for these settings; path-style access, checksums only where required. */
  public S3Client s3Client() {
    var builder =
        S3Client.builder()
            .region(region)
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    s3Endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
