package dev.regionfailover.devstack.temporal;

import dev.regionfailover.devstack.process.Executables;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Temporal CLI, whose {@code temporal server start-dev} is the real Temporal server the
 * dev stack and the process-level tests run. It looks on PATH first, then where {@code go install}
 * puts it ({@code $GOBIN}, else {@code $GOPATH/bin}, else {@code ~/go/bin}), so that a CLI built by
 * {@code .ci/run} is found without changing PATH.
 */
public final class TemporalCli {

  /** The name of the Temporal CLI executable. */
  public static final String EXECUTABLE = "temporal";

  /** The command that builds the pinned Temporal CLI from its Go module. */
  public static final String INSTALL_COMMAND =
      "go install github.com/temporalio/cli/cmd/temporal@v1.5.1";

  private TemporalCli() {}

  /** The Temporal CLI of this machine, if it has one. */
  public static Optional<Path> find() {
    return find(System.getenv(), System.getProperty("user.home"));
  }

  static Optional<Path> find(Map<String, String> environment, String home) {
    Optional<Path> onPath = Executables.onPath(EXECUTABLE, environment.get("PATH"));
    if (onPath.isPresent()) {
      return onPath;
    }
    List<Path> goBins = new ArrayList<>();
    String goBin = environment.get("GOBIN");
    if (goBin != null && !goBin.isBlank()) {
      goBins.add(Path.of(goBin));
    }
    String goPath = environment.get("GOPATH");
    if (goPath != null && !goPath.isBlank()) {
      goBins.add(Path.of(goPath.split(File.pathSeparator)[0], "bin"));
    }
    if (home != null && !home.isBlank()) {
      goBins.add(Path.of(home, "go", "bin"));
    }
    return goBins.stream()
        .map(directory -> directory.resolve(EXECUTABLE))
        .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
        .findFirst();
  }
}
