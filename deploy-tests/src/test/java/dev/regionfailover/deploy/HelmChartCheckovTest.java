package dev.regionfailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worker's Helm chart passes checkov's Kubernetes checks, rendered by helm as checkov does it,
 * except for the few below that this chart departs from on purpose.
 */
class HelmChartCheckovTest {

  /** The checks the chart departs from, and why. */
  private static final Map<String, String> ACCEPTED =
      Map.of(
          "CKV_K8S_21",
          "the namespace is chosen at install time (helm install -n); checkov renders without one",
          "CKV_K8S_11",
          "no CPU limit on purpose: a throttled JVM misses Temporal heartbeats and its probes",
          "CKV_K8S_43",
          "the image's registry is the installer's: image.digest pins it, the default is a tag",
          "CKV_K8S_15",
          "IfNotPresent is right for an image pinned by digest; Always only re-pulls the same");

  @Test
  void passesCheckovsKubernetesChecks() throws IOException {
    Path checkov = Tools.checkov();
    Path helm = Tools.helm();
    List<String> command = new ArrayList<>();
    command.add(checkov.toString());
    command.addAll(
        List.of(
            "--directory",
            RepositoryRoot.chart().toString(),
            "--framework",
            "helm",
            "--skip-download",
            "--compact",
            "--quiet",
            "--skip-check",
            String.join(",", ACCEPTED.keySet())));
    ProcessBuilder builder = new ProcessBuilder(command);
    // checkov runs helm from PATH to render the chart.
    builder
        .environment()
        .put("PATH", helm.getParent() + ":" + System.getenv().getOrDefault("PATH", ""));
    ToolRun run = ToolRun.run(builder, RepositoryRoot.find(), Duration.ofMinutes(5));

    assertThat(run.exitCode()).as(run::describe).isZero();
    assertThat(run.output())
        .as(run::describe)
        .containsPattern("Passed checks: [1-9][0-9]*, Failed checks: 0");
  }
}
