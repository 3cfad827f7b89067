package dev.regionfailover.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout these tests run in: the parent of the deploy-tests module. */
final class RepositoryRoot {

  private RepositoryRoot() {}

  /** The repository's root directory, found from the module directory Surefire runs in. */
  static Path find() {
    Path module = Path.of("").toAbsolutePath();
    Path root =
        module.getFileName().toString().equals("deploy-tests") ? module.getParent() : module;
    if (!Files.isRegularFile(root.resolve("worker/pom.xml"))) {
      throw new IllegalStateException(
          "cannot find the repository root from " + module + ": no worker/pom.xml in " + root);
    }
    return root;
  }

  /** The Helm chart of the worker. */
  static Path chart() {
    return find().resolve("deploy/helm/region-failover");
  }
}
