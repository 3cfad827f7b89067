package dev.regionfailover.starter.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.regionfailover.devstack.process.Executables;
import dev.regionfailover.devstack.process.MissingTool;
import dev.regionfailover.starter.estate.EstateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The CloudFormation template of the AWS side: cfn-lint passes it, and its policy is current. */
class CloudFormationTemplateTest {

  /** Surefire runs in the module directory. */
  static final Path TEMPLATE = Path.of("..", "deploy", "aws", "region-failover.yaml");

  static final Path EXAMPLE_ESTATE = Path.of("..", "deploy", "estates", "orders.yaml");

  /** Keep in step with ensure_cfn_lint in .ci/run. */
  static final String CFN_LINT_VERSION = "1.58.0";

  static final String INSTALL_COMMAND =
      "python3 -m venv target/cfn-lint && target/cfn-lint/bin/pip install cfn-lint=="
          + CFN_LINT_VERSION
          + ", then put target/cfn-lint/bin first on PATH (.ci/run does both)";

  @Test
  void cfnLintFindsNothingToFix() throws Exception {
    Path cfnLint = cfnLint();

    Process lint =
        new ProcessBuilder(cfnLint.toString(), TEMPLATE.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(lint.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(output).as("cfn-lint output").isEmpty();
    assertThat(lint.exitValue()).as("cfn-lint exit code").isZero();
  }

  @Test
  void workerPolicyIsTheGeneratedPolicyOfTheExampleEstate() throws Exception {
    JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile());
    IamPolicy generated =
        IamPolicyGenerator.generate(EstateFiles.load(EXAMPLE_ESTATE), "123456789012");

    assertThat(template.at("/Resources/WorkerRole/Properties/Policies/0/PolicyDocument"))
        .as(
            "the worker's policy in %s; regenerate it with ./failover iam-policy %s",
            TEMPLATE, EXAMPLE_ESTATE)
        .isEqualTo(new ObjectMapper().readTree(generated.toJson()));
  }

  /** cfn-lint at the pinned version, or a skip or failure that says how to install it. */
  private static Path cfnLint() throws IOException, InterruptedException {
    Path cfnLint = Executables.onPath("cfn-lint", System.getenv("PATH")).orElse(null);
    if (cfnLint == null) {
      return MissingTool.skipOrFail("no cfn-lint on PATH; install it with: " + INSTALL_COMMAND);
    }
    Process version = new ProcessBuilder(cfnLint.toString(), "--version").start();
    String found =
        new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    version.waitFor(1, TimeUnit.MINUTES);
    if (!found.equals("cfn-lint " + CFN_LINT_VERSION)) {
      return MissingTool.skipOrFail(
          cfnLint
              + " is '"
              + found
              + "', not cfn-lint "
              + CFN_LINT_VERSION
              + "; install it with: "
              + INSTALL_COMMAND);
    }
    return cfnLint;
  }
}
