package dev.regionfailover.starter.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.starter.Run;
import dev.regionfailover.starter.cli.GrpcTemporalConnector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every schedule command against the real Temporal dev server, which serves the Schedules API the
 * Java test server lacks.
 */
class ScheduleDevServerTest {

  @Test
  void scheduleLifecycleAgainstTheTemporalDevServer() {
    try (TemporalDevServer server = TemporalForTesting.devServer()) {
      String address = server.target();

      Run created =
          cli(
              address,
              "schedule",
              "create",
              "orders",
              "--target",
              "us-west-2",
              "--hold",
              "PT10M",
              "--cron",
              "0 3 * * 2",
              "--every",
              "P7D",
              "--paused",
              "--note",
              "sre-payments",
              "--requested-by",
              "carol");
      assertThat(created.exitCode()).as(created.err()).isZero();
      assertThat(created.out())
          .startsWith("Created schedule rehearsal-orders (paused).\n")
          .contains("PAUSED (sre-payments)")
          .contains("'0 3 * * 2' UTC")
          .contains("every PT168H")
          .contains("overlap SKIP, catch-up window PT10M")
          .contains("SwitchoverRehearsal on region-failover as rehearsal-orders-<time>")
          .contains("orders to us-west-2, hold PT10M, then back, requested by carol");

      Run again =
          cli(
              address,
              "schedule",
              "create",
              "orders",
              "--target",
              "us-west-2",
              "--hold",
              "PT10M",
              "--every",
              "P7D",
              "--requested-by",
              "carol");
      assertThat(again.exitCode()).isEqualTo(1);
      assertThat(again.err()).contains("schedule rehearsal-orders already exists");

      awaitOutput(address, out -> out.contains("rehearsal-orders"), "schedule", "list");

      assertThat(cli(address, "schedule", "unpause", "orders").exitCode()).isZero();
      assertThat(cli(address, "schedule", "describe", "orders").out()).contains("ACTIVE");
      assertThat(cli(address, "schedule", "pause", "orders", "--note", "change freeze").exitCode())
          .isZero();
      assertThat(cli(address, "schedule", "describe", "orders").out())
          .contains("PAUSED (change freeze)");

      Run triggered = cli(address, "schedule", "trigger", "orders");
      assertThat(triggered.exitCode()).as(triggered.err()).isZero();
      awaitOutput(address, out -> out.contains("1 taken"), "schedule", "describe", "orders");

      assertThat(cli(address, "schedule", "delete", "orders").exitCode()).isZero();
      Run gone = cli(address, "schedule", "describe", "orders");
      assertThat(gone.exitCode()).isEqualTo(1);
      assertThat(gone.err()).contains("no schedule rehearsal-orders");
    }
  }

  private static Run cli(String address, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--temporal-address", address));
    return Run.of(new GrpcTemporalConnector(), all.toArray(String[]::new));
  }

  /** Schedules and their listing are eventually consistent: poll for a few seconds. */
  private static void awaitOutput(String address, Predicate<String> condition, String... args) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    Run run = cli(address, args);
    while (!condition.test(run.out())) {
      assertThat(System.nanoTime())
          .as(
              "%s never showed what was expected: %s %s",
              String.join(" ", args), run.out(), run.err())
          .isLessThan(deadline);
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      run = cli(address, args);
    }
  }
}
