package dev.regionfailover.devstack.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds programs on a search path, the way a shell does. */
public final class Executables {

  private Executables() {}

  /**
   * The executable called {@code name} in the first directory of {@code searchPath} (directories
   * separated by the platform's path separator) that has one.
   */
  public static Optional<Path> onPath(String name, String searchPath) {
    if (searchPath == null || searchPath.isBlank()) {
      return Optional.empty();
    }
    for (String directory : searchPath.split(File.pathSeparator)) {
      if (directory.isBlank()) {
        continue;
      }
      Path candidate = Path.of(directory, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
