package dev.regionfailover.activities.estate;

import java.nio.file.Path;
import java.util.List;

/**
 * An estate file that cannot be used.
 *
 * @param file the file
 * @param app the app it names in {@code app:}, or its file name without extension when that cannot
 *     be read, so that loading the app reports this file instead of "unknown app"
 * @param errors every problem, each with its path in the document
 */
public record InvalidEstateFile(Path file, String app, List<String> errors) {

  public InvalidEstateFile {
    errors = List.copyOf(errors);
  }

  /** The file and every problem, one per line. */
  public String describe() {
    return file + " is not a valid estate:\n  " + String.join("\n  ", errors);
  }
}
