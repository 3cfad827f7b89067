package dev.regionfailover.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.starter.cli.GrpcTemporalConnector;
import org.junit.jupiter.api.Test;

/** Wrong command lines exit with 2 and say exactly what is wrong, before any Temporal call. */
class UsageErrorsTest {

  @Test
  void startWithoutTargetRegion() {
    Run run = Run.of(Run.NO_TEMPORAL, "start", "orders");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("error: Missing required option: '--to=REGION'")
        .contains("failover start");
  }

  @Test
  void startWithUnknownMode() {
    Run run = Run.of(Run.NO_TEMPORAL, "start", "orders", "--to", "us-west-2", "--mode", "FAST");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("Invalid value for option '--mode'")
        .contains("[PLANNED, UNPLANNED, DRILL]")
        .contains("'FAST'");
  }

  @Test
  void startRefusesTheModeOnlyARecoveryReports() {
    Run run = Run.of(Run.NO_TEMPORAL, "start", "orders", "--to", "us-west-2", "--mode", "recover");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("Invalid value for option '--mode'")
        .contains("RECOVER is not a way to fail over")
        .contains("./failover recover APP");
  }

  @Test
  void modeIsCaseInsensitive() {
    Run run = Run.of(Run.NO_TEMPORAL, "start", "orders", "--to", "us-west-3", "--mode", "drill");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--to: us-west-3 is not an AWS region");
  }

  @Test
  void appThatCannotBeAnEstateName() {
    Run run = Run.of(Run.NO_TEMPORAL, "status", "Orders_EU");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("APP Orders_EU is not an app name");
  }

  @Test
  void denyWithoutReason() {
    Run run = Run.of(Run.NO_TEMPORAL, "deny", "orders", "--as", "alice");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--reason=TEXT'");
  }

  @Test
  void blankApprover() {
    Run run = Run.of(Run.NO_TEMPORAL, "approve", "orders", "--as", " ");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--as must not be blank");
  }

  @Test
  void noCommand() {
    Run run = Run.of(Run.NO_TEMPORAL);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("missing command: choose one of start, approve, deny, abort");
  }

  @Test
  void unknownCommand() {
    Run run = Run.of(Run.NO_TEMPORAL, "promote", "orders");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unmatched argument").contains("promote");
  }

  @Test
  void unreachableTemporalIsAFailureNotAUsageError() {
    Run run =
        Run.of(
            new GrpcTemporalConnector(), "status", "orders", "--temporal-address", "127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("cannot reach Temporal at 127.0.0.1:1 (namespace default)")
        .contains("./failover dev");
  }
}
