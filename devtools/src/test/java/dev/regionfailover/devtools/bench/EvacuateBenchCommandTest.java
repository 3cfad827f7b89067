package dev.regionfailover.devtools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.devtools.DevToolsCli;
import dev.regionfailover.devtools.local.LocalStackOptions;
import dev.regionfailover.starter.Run;
import dev.regionfailover.starter.cli.GrpcTemporalConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./failover bench evacuate} in a small form on the real dev server, moto with the stand-in
 * enforcing AWS's quotas, and the real worker JVM: four generated apps, one of which depends on
 * another. It proves that the command evacuates them all and prints every row of its table with a
 * number in it; the figures for 100 apps come from the run documented in docs/performance.md.
 */
class EvacuateBenchCommandTest {

  private static final Path ESTATE =
      Path.of("..", "deploy", "estates", "orders.yaml").toAbsolutePath().normalize();

  @TempDir Path home;

  @BeforeEach
  void launcherProperties() throws Exception {
    TemporalForTesting.cli();
    Path estates = Files.createDirectories(home.resolve("deploy").resolve("estates"));
    Files.copy(ESTATE, estates.resolve("orders.yaml"));
    System.setProperty(LocalStackOptions.HOME_PROPERTY, home.toString());
    System.setProperty(LocalStackOptions.WORKER_CLASSPATH_PROPERTY, JavaProcess.currentClasspath());
  }

  @AfterEach
  void clearLauncherProperties() {
    System.clearProperty(LocalStackOptions.HOME_PROPERTY);
    System.clearProperty(LocalStackOptions.WORKER_CLASSPATH_PROPERTY);
  }

  @Test
  void evacuatesEveryAppAndPrintsEveryFigure() {
    Run run =
        Run.of(
            DevToolsCli.commandLine(new GrpcTemporalConnector()),
            "bench",
            "evacuate",
            "--apps",
            "4",
            "--max-concurrent",
            "4");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("Evacuation of 4 apps, at most 4 at once, DRILL: COMPLETED")
        .containsPattern("total time\\s+\\d+\\.\\d s")
        .containsPattern("AWS calls, every service\\s+\\d+ \\(\\d+ per s\\)")
        .containsPattern(
            "route53 mutating calls \\(throttled\\) / quota\\s+\\d+ \\(\\d+\\) / 5 per s")
        .containsPattern("lower bound of route53's quota\\s+\\d+\\.\\d s")
        .containsPattern("total time / Route 53's lower bound\\s+\\d+\\.\\d\\d\\s+<= 1.2")
        .containsPattern("throttling that reached an activity's retry\\s+0\\s+0\\s+pass")
        .containsPattern("largest history \\(of \\d+ runs\\)\\s+\\d+ events, \\S+")
        .containsPattern("worker peak RSS \\(VmHWM\\)\\s+\\d+ MB")
        .containsPattern("apps completed / held / failed\\s+4 / 0 / 0\\s+4 / 0 / 0\\s+pass");
  }
}
