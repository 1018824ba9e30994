package io.docfleet.api.documents;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where uploaded documents go, read from {@code COORDINATOR_UPLOAD_DIR} (a folder, which must lie
 * under one of {@code DOCFLEET_FILE_ROOTS} so workers may read it) or {@code
 * COORDINATOR_UPLOAD_BUCKET} (an S3 bucket, with the key prefix {@code COORDINATOR_UPLOAD_PREFIX},
 * default {@code uploads/}); at most one. Neither: uploads are refused, sources still work.
 */
public record UploadSettings(Optional<Path> dir, Optional<String> bucket, String keyPrefix) {

  public static final String DIR = "COORDINATOR_UPLOAD_DIR";
  public static final String BUCKET = "COORDINATOR_UPLOAD_BUCKET";

  public static UploadSettings none() {
    return new UploadSettings(Optional.empty(), Optional.empty(), "uploads/");
  }

  public boolean enabled() {
    return dir.isPresent() || bucket.isPresent();
  }

  public static UploadSettings fromEnv(Env env, List<Path> fileRoots) {
    Optional<String> dir = env.get(DIR);
    Optional<String> bucket = env.get(BUCKET);
    if (dir.isPresent() && bucket.isPresent()) {
      throw new ConfigException(DIR + " and " + BUCKET + ": set one of them, not both");
    }
    String prefix = env.string("COORDINATOR_UPLOAD_PREFIX", "uploads/");
    return new UploadSettings(dir.map(d -> checkedDir(d, fileRoots)), bucket, prefix);
  }

  /** The folder, created when missing, refused unless it lies under a file root. */
  static Path checkedDir(String value, List<Path> fileRoots) {
    Path dir = Path.of(value).toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
      Path real = dir.toRealPath();
      for (Path root : fileRoots) {
        if (Files.isDirectory(root) && real.startsWith(root.toRealPath())) {
          return real;
        }
      }
    } catch (IOException e) {
      throw new ConfigException(DIR, "a folder the coordinator can create and write", value);
    }
    throw new ConfigException(
        DIR,
        "a folder under one of DOCFLEET_FILE_ROOTS " + fileRoots + " (workers read it)",
        value);
  }
}
