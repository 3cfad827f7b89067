package dev.regionfailover.starter.estate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.starter.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  /** The example estate of the repository; Surefire runs in the module directory. */
  private static final Path EXAMPLES = Path.of("..", "deploy", "estates");

  @TempDir Path dir;

  @Test
  void exampleEstatesAreValid() {
    Run run = Run.of(Run.NO_TEMPORAL, "validate", EXAMPLES.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("OK orders (" + EXAMPLES.resolve("orders.yaml") + ")\n");
  }

  @Test
  void everyErrorOfABrokenFileOnItsOwnLine() throws IOException {
    Path broken =
        write(
            "broken.yaml",
            example()
                .replace("regions: [us-east-1, us-west-2]", "regions: [us-east-1, us-west-3]")
                .replace("  maxLagSeconds: 5\n", "  maxLagSeconds: soon\n")
                .replace("approvals:", "approval:"));

    Run run = Run.of(Run.NO_TEMPORAL, "validate", broken.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines()).first().isEqualTo("INVALID " + broken);
    assertThat(run.out().lines())
        .contains(
            "  regions[1]: us-west-3 is not an AWS region",
            "  aurora.maxLagSeconds: soon must be a whole number of seconds, 0 or more",
            "  approvals: missing");
  }

  @Test
  void fileThatIsNotYaml() throws IOException {
    Path broken = write("orders.yml", "app: orders\nregions: [us-east-1\n");

    Run run = Run.of(Run.NO_TEMPORAL, "validate", broken.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("INVALID " + broken + "\n  not valid YAML at line ");
  }

  @Test
  void directoryReportsEachFileAndFailsIfAnyIsInvalid() throws IOException {
    Path good = write("a-orders.yaml", example());
    Path bad = write("b-payments.yaml", example().replace("app: orders", "app: Payments"));
    write("notes.txt", "not an estate");

    Run run = Run.of(Run.NO_TEMPORAL, "validate", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .isEqualTo(
            "OK orders ("
                + good
                + ")\nINVALID "
                + bad
                + "\n  app: Payments must be lower-case letters, digits and dashes (it is part of"
                + " the workflow id)\n");
  }

  @Test
  void sameAppInTwoFiles() throws IOException {
    Path first = write("orders.yaml", example());
    Path second = write("orders-copy.yaml", example());

    Run run = Run.of(Run.NO_TEMPORAL, "validate", first.toString(), second.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .isEqualTo(
            "OK orders ("
                + first
                + ")\nINVALID "
                + second
                + "\n  app: orders is also defined in "
                + first
                + "\n");
  }

  @Test
  void missingPathAndEmptyDirectory() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Path missing = dir.resolve("nowhere.yaml");

    Run run = Run.of(Run.NO_TEMPORAL, "validate", missing.toString(), empty.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .isEqualTo(
            "MISSING "
                + missing
                + ": no such file or directory\nEMPTY "
                + empty
                + ": no *.yaml or *.yml files\n");
  }

  @Test
  void needsAtLeastOnePath() {
    Run run = Run.of(Run.NO_TEMPORAL, "validate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'PATH'");
  }

  private static String example() throws IOException {
    return Files.readString(EXAMPLES.resolve("orders.yaml"));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
