package dev.regionfailover.starter.readiness;

import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.readiness.ReadinessCheckWorkflow;
import dev.regionfailover.workflows.readiness.ReadinessReport;
import dev.regionfailover.workflows.readiness.ReadinessRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * A stand-in for the real ReadinessCheck workflow, answering by app: {@code orders} is ready,
 * {@code billing} has a failing check, any other app is unknown. It echoes the requested target,
 * defaulting to us-west-2.
 */
public class FakeReadinessCheckWorkflow implements ReadinessCheckWorkflow {

  static final long CHECKED_AT = 1_767_225_600_000L;

  @Override
  public ReadinessReport run(ReadinessRequest request) {
    String target = request.targetRegion() == null ? "us-west-2" : request.targetRegion();
    Finding writer =
        Finding.pass(
            "writer-region", request.app(), "ledger: us-east-1 at epoch 2", "ledger = Aurora");
    return switch (request.app()) {
      case "orders" ->
          new ReadinessReport(
              "orders",
              "us-east-1",
              target,
              List.of(
                  writer,
                  Finding.warn(
                      "guard-record-ttl",
                      "CNAME api.orders.example.com.",
                      "TTL 120 s",
                      "TTL at most 60 s")),
              CHECKED_AT);
      case "billing" ->
          new ReadinessReport(
              "billing",
              "us-east-1",
              target,
              List.of(
                  writer,
                  Finding.fail(
                      "capacity-ecs-service",
                      "ECS service billing-usw2/worker in us-west-2",
                      "1 desired task(s) vs the source's 4",
                      "0 (a stopped standby) or at least the source's 4 tasks")),
              CHECKED_AT);
      default ->
          throw ApplicationFailure.newNonRetryableFailure(
              "cannot check " + request.app() + ": no estate for app " + request.app(),
              "InvalidReadinessRequest");
    };
  }
}
