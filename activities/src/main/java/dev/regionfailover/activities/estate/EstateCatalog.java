package dev.regionfailover.activities.estate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.estate.EstateValidationException;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The estates directory: one YAML file ({@code *.yaml} or {@code *.yml}) per application. Every
 * call reads the directory again, so an edited file applies to the next failover without restarting
 * the worker, while running failovers keep the snapshot recorded in their history.
 */
public final class EstateCatalog {

  /** Failure type when no file describes the app. */
  public static final String UNKNOWN_APP = "UnknownApp";

  /** Failure type when the app's file (or the directory) cannot be used. */
  public static final String INVALID_ESTATE = "InvalidEstate";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path directory;

  public EstateCatalog(Path directory) {
    this.directory = requireNonNull(directory, "directory is null");
  }

  public Path directory() {
    return directory;
  }

  /**
   * Reads every estate file. A file that is unreadable, invalid, or names an app that an earlier
   * file (in file name order) already names is listed as invalid.
   *
   * @throws UncheckedIOException when the directory itself cannot be listed
   */
  public EstateScan scan() {
    List<Estate> estates = new ArrayList<>();
    List<InvalidEstateFile> invalid = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Path file : files()) {
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        invalid.add(new InvalidEstateFile(file, stem(file), List.of("cannot be read: " + e)));
        continue;
      }
      try {
        Estate estate = EstateParser.parse(text, file.toString());
        Path earlier = seen.putIfAbsent(estate.app(), file);
        if (earlier == null) {
          estates.add(estate);
        } else {
          invalid.add(
              new InvalidEstateFile(
                  file,
                  estate.app(),
                  List.of(
                      "app: "
                          + estate.app()
                          + " is also described by "
                          + earlier
                          + "; each app needs exactly one file")));
        }
      } catch (EstateValidationException e) {
        invalid.add(new InvalidEstateFile(file, declaredApp(text, file), e.errors()));
      }
    }
    return new EstateScan(directory, estates, invalid);
  }

  /**
   * Loads one app's estate.
   *
   * @throws ApplicationFailure non-retryable, when no file describes the app or its file is invalid
   */
  public Estate load(String app) {
    requireNonNull(app, "app is null");
    EstateScan scan;
    try {
      scan = scan();
    } catch (UncheckedIOException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "cannot read the estates directory " + directory + ": " + e.getCause(),
          INVALID_ESTATE,
          e);
    }
    List<InvalidEstateFile> broken =
        scan.invalid().stream().filter(f -> app.equals(f.app())).toList();
    if (!broken.isEmpty()) {
      List<String> errors = new ArrayList<>();
      broken.forEach(f -> f.errors().forEach(error -> errors.add(f.file() + ": " + error)));
      throw ApplicationFailure.newNonRetryableFailure(
          "the estate of app "
              + app
              + " is invalid:\n  "
              + String.join("\n  ", broken.stream().map(InvalidEstateFile::describe).toList()),
          INVALID_ESTATE,
          errors);
    }
    return scan.estates().stream()
        .filter(e -> e.app().equals(app))
        .findFirst()
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "no estate for app "
                        + app
                        + " in "
                        + directory
                        + " (known: "
                        + scan.apps()
                        + ")",
                    UNKNOWN_APP));
  }

  private List<Path> files() {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(Files::isRegularFile)
          .filter(
              p -> {
                String name = p.getFileName().toString();
                return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the estates directory " + directory, e);
    }
  }

  /** The app an invalid file means to describe, so that loading that app reports the file. */
  private static String declaredApp(String text, Path file) {
    try {
      JsonNode app = YAML.readTree(text).path("app");
      if (app.isTextual() && !app.asText().isBlank()) {
        return app.asText();
      }
    } catch (IOException | RuntimeException e) {
      // The parser has already reported why the document is unreadable; fall back to the name.
    }
    return stem(file);
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
