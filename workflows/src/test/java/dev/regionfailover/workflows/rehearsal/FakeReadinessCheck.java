package dev.regionfailover.workflows.rehearsal;

import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.readiness.ReadinessCheckWorkflow;
import dev.regionfailover.workflows.readiness.ReadinessReport;
import dev.regionfailover.workflows.readiness.ReadinessRequest;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Set;

/**
 * A ReadinessCheck of a two-region app: the writer is always the region that is not the target.
 * Every call is logged as {@code workflowId -> target}; the calls numbered in {@code failing} (from
 * 1) report a FAIL finding.
 */
final class FakeReadinessCheck implements ReadinessCheckWorkflow {

  static final String EAST = "us-east-1";
  static final String WEST = "us-west-2";
  static final Finding BROKEN =
      Finding.fail("aurora-replication-lag", "orders-usw2", "42 s", "at most 5 s");

  private final List<String> calls;
  private final Set<Integer> failing;

  FakeReadinessCheck(List<String> calls, Set<Integer> failing) {
    this.calls = calls;
    this.failing = failing;
  }

  @Override
  public ReadinessReport run(ReadinessRequest request) {
    int call;
    synchronized (calls) {
      calls.add(Workflow.getInfo().getWorkflowId() + " -> " + request.targetRegion());
      call = calls.size();
    }
    String writer = request.targetRegion().equals(EAST) ? WEST : EAST;
    List<Finding> findings =
        failing.contains(call)
            ? List.of(Finding.pass("aurora-member", "orders-usw2", "member", "member"), BROKEN)
            : List.of(
                Finding.pass("aurora-member", "orders-usw2", "member", "member"),
                Finding.warn("record-ttl", "api.orders.example.com", "120 s", "at most 60 s"));
    return new ReadinessReport(
        request.app(), writer, request.targetRegion(), findings, Workflow.currentTimeMillis());
  }
}
