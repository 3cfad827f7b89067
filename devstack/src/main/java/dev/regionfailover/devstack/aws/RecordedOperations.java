package dev.regionfailover.devstack.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files in which test classes leave the operations they made the stand-in see: one file per
 * test class, {@code CLASS.tsv}, with one {@link RecordedOperation#line()} per line. {@link
 * AwsStackExtension} writes them when the system property {@value #DIRECTORY_PROPERTY} names a
 * directory, as the worker module's build sets it.
 */
public final class RecordedOperations {

  /** The system property naming the directory the files go to; unset, none is written. */
  public static final String DIRECTORY_PROPERTY = "regionfailover.recordedOperations";

  /**
   * The access key the worker under test signs with in the worker module's end-to-end tests, so
   * that its requests can be told from those the tests make to set up and read back the emulator.
   */
  public static final String WORKER_ACCESS_KEY = "failover-worker";

  private static final String SUFFIX = ".tsv";

  private RecordedOperations() {}

  /** Writes the operations of {@code testClass} to its file in {@code directory}, sorted. */
  public static void write(
      Path directory, String testClass, Collection<RecordedOperation> operations) {
    try {
      Files.createDirectories(directory);
      Files.write(
          directory.resolve(testClass + SUFFIX),
          operations.stream().map(RecordedOperation::line).sorted().distinct().toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the recorded operations of " + testClass, e);
    }
  }

  /** The test classes with a file in {@code directory}, sorted; none if it does not exist. */
  public static List<String> testClasses(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(SUFFIX))
          .map(name -> name.substring(0, name.length() - SUFFIX.length()))
          .sorted()
          .toList();
    }
  }

  /** The operations recorded for {@code testClass} in {@code directory}. */
  public static List<RecordedOperation> read(Path directory, String testClass) throws IOException {
    Path file = directory.resolve(testClass + SUFFIX);
    List<RecordedOperation> operations = new ArrayList<>();
    int number = 0;
    for (String line : Files.readAllLines(file)) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        operations.add(RecordedOperation.parse(line));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ":" + number + ": " + e.getMessage(), e);
      }
    }
    return operations;
  }
}
