package dev.regionfailover.starter.estate;

import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.estate.EstateValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds and reads estate files, the way the worker finds them in its estates directory. */
public final class EstateFiles {

  private EstateFiles() {}

  /**
   * The estate files a path names: the file itself, or the {@code *.yaml} and {@code *.yml} files
   * directly in a directory, sorted by name.
   */
  public static List<Path> list(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries.filter(EstateFiles::isEstate).sorted().toList();
    }
  }

  /** Reads and validates one estate file. */
  public static Estate load(Path file) throws IOException, EstateValidationException {
    return EstateParser.parse(Files.readString(file), file.toString());
  }

  /**
   * Every estate of a directory.
   *
   * @throws IllegalArgumentException naming each file that is missing or invalid, with its errors
   */
  public static List<Estate> loadDirectory(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("estates directory " + directory + " does not exist");
    }
    List<Estate> estates = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try {
      for (Path file : list(directory)) {
        try {
          estates.add(load(file));
        } catch (EstateValidationException e) {
          problems.add(e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read estates directory " + directory + ": " + e, e);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          String.join("\n", problems)
              + "\n(check them with ./failover validate "
              + directory
              + ")");
    }
    if (estates.isEmpty()) {
      throw new IllegalArgumentException(
          "estates directory " + directory + " has no *.yaml or *.yml files");
    }
    return estates;
  }

  private static boolean isEstate(Path path) {
    String name = path.getFileName().toString();
    return Files.isRegularFile(path) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }
}
