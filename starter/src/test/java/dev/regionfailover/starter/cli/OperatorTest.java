package dev.regionfailover.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.starter.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every command with the {@code --by} mixin says what its operator does, and refuses a blank one.
 */
class OperatorTest {

  @ParameterizedTest
  @CsvSource({
    "abort, Who stops it.",
    "confirm-fenced, Who confirms it.",
    "monitor pause, Who pauses it.",
    "monitor resume, Who resumes it.",
    "monitor stop, Who stops it.",
    "reconcile recovered, Who says so."
  })
  void helpSaysWhatTheOperatorDoes(String command, String description) {
    Run run = Run.of(Run.NO_TEMPORAL, (command + " --help").split(" "));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).containsPattern("--by=NAME +\\Q" + description + "\\E\\R");
  }

  @Test
  void blankOperatorIsAUsageError() {
    Run abort = Run.of(Run.NO_TEMPORAL, "abort", "orders", "--by", " ", "--reason", "drill over");
    Run stop = Run.of(Run.NO_TEMPORAL, "monitor", "stop", "orders", "--by", "");

    assertThat(abort.exitCode()).isEqualTo(2);
    assertThat(abort.err()).contains("error: --by must not be blank");
    assertThat(stop.exitCode()).isEqualTo(2);
    assertThat(stop.err()).contains("error: --by must not be blank");
  }
}
