package dev.regionfailover.devtools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The apps of an evacuation benchmark: copies of the example estate, each with every name made its
 * own ({@code orders} becomes {@code app-007}), so that their resources do not meet in the
 * emulator, and with dependencies and tiers that give the evacuation an order to keep. Every fourth
 * app depends on the one before it and every tenth also on the one two before; tiers cycle through
 * 1, 2 and 3.
 */
final class EvacuationEstates {

  private static final String TEMPLATE_APP = "orders";
  private static final String REGIONS_LINE = "regions: [us-east-1, us-west-2]";

  private EvacuationEstates() {}

  /** The name of the {@code number}th app, from 1. */
  static String app(int number) {
    return "app-%03d".formatted(number);
  }

  /** The apps the {@code number}th app depends on. */
  static List<String> dependencies(int number) {
    List<String> dependencies = new ArrayList<>();
    if (number % 4 == 0) {
      dependencies.add(app(number - 1));
    }
    if (number % 10 == 0) {
      dependencies.add(app(number - 2));
    }
    return dependencies;
  }

  /**
   * Writes {@code apps} estates made from {@code template} into {@code directory}, replacing the
   * estates an earlier run left there, since the worker serves every estate of the directory.
   */
  static List<String> write(Path template, Path directory, int apps) throws IOException {
    String text = Files.readString(template);
    if (!text.contains(REGIONS_LINE)) {
      throw new IllegalStateException(template + " no longer has the line " + REGIONS_LINE);
    }
    Files.createDirectories(directory);
    try (Stream<Path> earlier = Files.list(directory)) {
      for (Path file : earlier.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.delete(file);
      }
    }
    List<String> names = new ArrayList<>();
    for (int number = 1; number <= apps; number++) {
      String app = app(number);
      List<String> dependencies = dependencies(number);
      String keys =
          REGIONS_LINE
              + "\ntier: "
              + (number % 3 + 1)
              + (dependencies.isEmpty()
                  ? ""
                  : "\ndependsOn: [" + String.join(", ", dependencies) + "]");
      String estate = text.replace(TEMPLATE_APP, app).replace(REGIONS_LINE, keys);
      Files.writeString(directory.resolve(app + ".yaml"), estate);
      names.add(app);
    }
    return names;
  }
}
