package dev.regionfailover.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.starter.Run;
import org.junit.jupiter.api.Test;

/**
 * A failover or a recovery refuses a blank requester as blank; a rehearsal counts it as missing.
 * Each says so before reaching Temporal, and the help says who may approve.
 */
class RequesterTest {

  @Test
  void blankRequesterOfAFailover() {
    Run run = Run.of(Run.NO_TEMPORAL, "start", "orders", "--to", "us-west-2", "--requested-by", "");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: --requested-by must not be blank\n");
  }

  @Test
  void blankRequesterOfARehearsal() {
    Run run =
        Run.of(
            Run.NO_TEMPORAL,
            "rehearse",
            "orders",
            "--target",
            "us-west-2",
            "--hold",
            "PT10M",
            "--requested-by",
            " ");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("error: --requested-by NAME is required when $USER is not set\n");
  }

  @Test
  void helpSaysWhoMayApprove() {
    assertThat(Run.of(Run.NO_TEMPORAL, "recover", "--help").out())
        .containsPattern(
            "Who asks for it \\(default \\$USER\\); they cannot\\s+approve it themselves\\.")
        .containsPattern("--reason=TEXT\\s+Why\\.\\R");
    assertThat(Run.of(Run.NO_TEMPORAL, "schedule", "create", "--help").out())
        .containsPattern("--requested-by=NAME\\s+Who asks for it \\(default \\$USER\\)\\.\\R");
  }
}
