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
 * {@code ./failover bench failover} in a small, fast form on the real dev server, moto with the
 * stand-in and the real worker JVM: short AWS delays, Route 53 changes in sync at once (the
 * stand-in's delay has a test of its own), one kill, a small re-pin. It proves that the command
 * runs every measurement and prints every row of its table with a number in it; the figures
 * themselves come from the full run documented in docs/performance.md.
 */
class FailoverBenchCommandTest {

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
  void printsEveryFigureOfTheTable() {
    Run run =
        Run.of(
            DevToolsCli.commandLine(new GrpcTemporalConnector()),
            "bench",
            "failover",
            "--entities",
            "300",
            "--latency",
            "10",
            "--switchover",
            "1",
            "--dns-sync",
            "0",
            "--kills",
            "1");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .containsPattern("P1 orchestration overhead: wall / AWS time\\s+\\d+\\.\\d{3} \\(")
        .containsPattern("P1 AWS calls / least needed\\s+\\d+ / \\d+ = \\d+\\.\\d")
        .containsPattern(
            "P3 recovery: SIGKILL -> next step, longest of 1\\s+\\d+\\.\\d s\\s+<= 20\\.0 s")
        .containsPattern(
            "P3 replay of a full failover history \\(\\d+ events\\)\\s+cold \\d+ ms, warm \\d+ ms")
        .containsPattern("P5 worker start -> first poll\\s+\\d+\\.\\d s")
        .containsPattern("P5 worker RSS idle, after a GC\\s+\\d+ MB\\s+< 300 MB")
        .containsPattern("P5 worker peak RSS \\(VmHWM\\), re-pin of 300\\s+\\d+ MB\\s+< 300 MB")
        .containsPattern("P2 re-pin: workflow / plain loop\\s+\\d+\\.\\d\\d \\(")
        .containsPattern("  rds\\s+\\d+\\s+\\d+\\s+\\d+")
        .containsPattern("  SHIFT\\s+\\S+");
  }
}
