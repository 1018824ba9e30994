package io.docfleet.worker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in {@code tesseract} program (a shell script) for tests that must not depend on the real
 * one being installed: it answers {@code --version} and {@code --list-langs} as tesseract 5.3.0
 * with {@code eng}, and for every image it is asked to read it notes the image's path and writes
 * the text {@code fake page text}. {@link #imagesRead} tells how many images it was given.
 */
public final class FakeTesseract {
  private final Path binary;
  private final Path log;

  private FakeTesseract(Path binary, Path log) {
    this.binary = binary;
    this.log = log;
  }

  /** Writes the script into {@code folder}. */
  public static FakeTesseract in(Path folder) {
    Path binary = folder.resolve("fake-tesseract");
    Path log = folder.resolve("fake-tesseract.log");
    String script =
        String.join(
            "\n",
            "#!/bin/sh",
            "case \"$1\" in",
            "  --version) echo 'tesseract 5.3.0'; exit 0 ;;",
            "  --list-langs) echo 'List of available languages in \"/fake/\" (1):'; echo eng;"
                + " exit 0 ;;",
            "esac",
            "echo \"$1\" >> '" + log + "'",
            "printf 'fake page text\\f' > \"$2.txt\"",
            "");
    try {
      Files.writeString(binary, script, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
      Files.writeString(log, "", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FakeTesseract(binary, log);
  }

  /** The value for {@code TESSERACT_PATH}. */
  public String path() {
    return binary.toString();
  }

  /** How many images it was asked to read. */
  public int imagesRead() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return (int) lines.stream().filter(line -> !line.isBlank()).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
