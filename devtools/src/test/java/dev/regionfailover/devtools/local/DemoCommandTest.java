package dev.regionfailover.devtools.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.devtools.DevToolsCli;
import dev.regionfailover.starter.Run;
import dev.regionfailover.starter.cli.GrpcTemporalConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./failover demo --kill-worker} end to end: the real dev server, moto with the stand-in and
 * the real worker in its own JVM, killed with SIGKILL while Aurora switches over.
 */
class DemoCommandTest {

  private static final Path ESTATES =
      Path.of("..", "deploy", "estates").toAbsolutePath().normalize();

  @TempDir Path home;

  @BeforeEach
  void launcherProperties() {
    TemporalForTesting.cli();
    System.setProperty(LocalStackOptions.HOME_PROPERTY, home.toString());
    System.setProperty(LocalStackOptions.WORKER_CLASSPATH_PROPERTY, JavaProcess.currentClasspath());
  }

  @AfterEach
  void clearLauncherProperties() {
    System.clearProperty(LocalStackOptions.HOME_PROPERTY);
    System.clearProperty(LocalStackOptions.WORKER_CLASSPATH_PROPERTY);
  }

  @Test
  void killWorkerShowsTheFailoverResumingOnAFreshWorkerWithEveryStepRunOnce() throws Exception {
    int uiPort = FreePorts.loopback();

    Run run =
        Run.of(
            DevToolsCli.commandLine(new GrpcTemporalConnector()),
            "demo",
            "--kill-worker",
            "--temporal-port",
            Integer.toString(FreePorts.loopback()),
            "--ui-port",
            Integer.toString(uiPort),
            "--aws-port",
            Integer.toString(FreePorts.loopback()),
            "--estates",
            ESTATES.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    String out = run.out();
    assertThat(out)
        .contains("Temporal UI: http://127.0.0.1:" + uiPort + "/namespaces/default/workflows")
        .contains("approvePromotion accepted")
        .contains("with SIGKILL while step 'promote aurora' runs")
        .contains("a fresh worker (pid ")
        .contains("(already requested before a retry)")
        .contains("phase COMPLETED")
        .containsPattern(
            "The worker was killed with SIGKILL during 'promote aurora'; a fresh one finished the"
                + " failover, and each of its \\d+ steps ran once.");
    Matcher killed = Pattern.compile("killing the worker \\(pid (\\d+)\\)").matcher(out);
    Matcher fresh = Pattern.compile("a fresh worker \\(pid (\\d+), log (\\S+)\\)").matcher(out);
    assertThat(killed.find()).isTrue();
    assertThat(fresh.find()).isTrue();
    assertThat(fresh.group(1)).isNotEqualTo(killed.group(1));
    assertThat(ProcessHandle.of(Long.parseLong(killed.group(1)))).isEmpty();
    assertThat(Path.of(fresh.group(2)))
        .isEqualTo(home.resolve("target").resolve("dev").resolve("worker-2.log"));
    assertThat(Files.readString(home.resolve("target").resolve("dev").resolve("worker.log")))
        .contains("Worker started");
  }
}
