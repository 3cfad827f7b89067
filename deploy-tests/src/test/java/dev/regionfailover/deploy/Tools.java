package dev.regionfailover.deploy;

import dev.regionfailover.devstack.process.Executables;
import dev.regionfailover.devstack.process.MissingTool;
import dev.regionfailover.devstack.process.RequiredTools;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the external tools these tests run. Where one is missing, the test fails where {@value
 * RequiredTools#REQUIRED_VARIABLE} is set (in CI) and is skipped with the install command
 * elsewhere.
 */
final class Tools {

  /** Builds helm from its Go module; keep in step with ensure_helm in .ci/run. */
  static final String HELM_INSTALL_COMMAND = "go install helm.sh/helm/v4/cmd/helm@v4.3.2";

  /** Installs checkov into the venv these tests look in; keep in step with ensure_checkov. */
  static final String CHECKOV_INSTALL_COMMAND =
      "python3 -m venv target/checkov-venv && target/checkov-venv/bin/pip install checkov==3.3.30";

  private Tools() {}

  /** helm, on PATH or where {@code go install} puts it ($GOBIN, $GOPATH/bin, ~/go/bin). */
  static Path helm() {
    Map<String, String> environment = System.getenv();
    List<String> directories = new ArrayList<>();
    directories.add(environment.getOrDefault("PATH", ""));
    String goBin = environment.get("GOBIN");
    if (goBin != null && !goBin.isBlank()) {
      directories.add(goBin);
    }
    String goPath = environment.get("GOPATH");
    if (goPath != null && !goPath.isBlank()) {
      directories.add(Path.of(goPath.split(File.pathSeparator)[0], "bin").toString());
    }
    directories.add(Path.of(System.getProperty("user.home"), "go", "bin").toString());
    return require(
        "helm",
        String.join(File.pathSeparator, directories),
        "Install it with: " + HELM_INSTALL_COMMAND);
  }

  /** checkov, on PATH or in the repository's target/checkov-venv. */
  static Path checkov() {
    String venv = RepositoryRoot.find().resolve("target/checkov-venv/bin").toString();
    return require(
        "checkov",
        System.getenv().getOrDefault("PATH", "") + File.pathSeparator + venv,
        "Install it from the repository's root with: " + CHECKOV_INSTALL_COMMAND);
  }

  /** Maven, which builds the worker's image. */
  static Path maven() {
    return require(
        "mvn", System.getenv().getOrDefault("PATH", ""), "Install Apache Maven 3.8 or newer.");
  }

  private static Path require(String name, String searchPath, String install) {
    Optional<Path> found = Executables.onPath(name, searchPath);
    if (found.isPresent()) {
      return found.get();
    }
    return MissingTool.skipOrFail(
        "this test needs '" + name + "', which is not on PATH. " + install);
  }
}
