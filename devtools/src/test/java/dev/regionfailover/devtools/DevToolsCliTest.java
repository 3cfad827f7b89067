package dev.regionfailover.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.starter.Run;
import org.junit.jupiter.api.Test;

/**
 * The developer's tools sit behind the operator's commands, with the same usage errors, and the
 * help that {@code ./failover --help} prints lists them.
 */
class DevToolsCliTest {

  private static Run run(String... args) {
    return Run.of(DevToolsCli.commandLine(Run.NO_TEMPORAL), args);
  }

  @Test
  void devWithTheSamePortTwice() {
    Run run = run("dev", "--temporal-port", "4566");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--temporal-port and --aws-port are both 4566");
  }

  @Test
  void benchWithTooManySegments() {
    Run run = run("bench", "repin", "--segments", "65");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--segments: 65 is not between 1 and 64");
  }

  @Test
  void benchFailoverWithTooManyKills() {
    Run run = run("bench", "failover", "--kills", "6");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--kills: 6 is not between 0 and 5");
  }

  @Test
  void benchFailoverWithANegativeLatency() {
    Run run = run("bench", "failover", "--latency", "-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--latency: -1 is not between 0 and 10000");
  }

  @Test
  void benchFailoverWithAWordForANumber() {
    Run run = run("bench", "failover", "--entities", "many");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--entities", "'many'");
  }

  @Test
  void benchWithoutABenchmarkListsThem() {
    Run run = run("bench");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("missing benchmark: choose one of failover, repin");
  }

  @Test
  void helpListsTheOperatorsCommandsThenTheTools() {
    Run run = run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .containsSubsequence("  start ", "  monitor ", "  dev ", "  demo ", "  bench ");
  }

  @Test
  void noCommandNamesTheToolsLast() {
    Run run = run();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("missing command: choose one of start, approve,", "dev, demo, bench");
  }
}
