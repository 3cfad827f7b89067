package dev.regionfailover.worker.metrics;

import dev.regionfailover.devstack.process.Executables;
import dev.regionfailover.devstack.process.MissingTool;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prometheus' promtool, found on PATH or in Go's bin directory, where {@code go install} puts it.
 */
final class Promtool {

  static final String EXECUTABLE = "promtool";

  /** The command that builds the pinned promtool from its Go module; keep in step with .ci/run. */
  static final String INSTALL_COMMAND =
      "go install github.com/prometheus/prometheus/cmd/promtool@v0.316.0";

  private Promtool() {}

  /** The promtool to run; without one the calling test fails in CI and is skipped elsewhere. */
  static Path requireForTest() {
    Optional<Path> onPath = Executables.onPath(EXECUTABLE, System.getenv("PATH"));
    if (onPath.isPresent()) {
      return onPath.get();
    }
    List<Path> goBins = new ArrayList<>();
    for (String variable : List.of("GOBIN", "GOPATH")) {
      String value = System.getenv(variable);
      if (value != null && !value.isBlank()) {
        Path first = Path.of(value.split(File.pathSeparator)[0]);
        goBins.add(variable.equals("GOBIN") ? first : first.resolve("bin"));
      }
    }
    goBins.add(Path.of(System.getProperty("user.home"), "go", "bin"));
    return goBins.stream()
        .map(directory -> directory.resolve(EXECUTABLE))
        .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
        .findFirst()
        .orElseGet(
            () ->
                MissingTool.skipOrFail(
                    "no '"
                        + EXECUTABLE
                        + "' on PATH or in Go's bin directory; this test checks the alerting"
                        + " rules with it. Install it with: "
                        + INSTALL_COMMAND));
  }
}
