package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.SOURCE;
import static dev.regionfailover.worker.FailoverEndToEndTest.TARGET;

import dev.regionfailover.devstack.aws.AwsStandIn;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.ConfirmFencedSignal;
import dev.regionfailover.workflows.failover.DenialSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import java.util.Set;

/**
 * The failovers of the crash matrix, each with what the operators do during it: a PLANNED one that
 * one approver lets promote, a DRILL that approves itself, an UNPLANNED one away from a source that
 * refuses every connection (a human confirms the isolation, two approve the data loss), and a
 * PLANNED one whose promotion is denied, so that its compensation steps run.
 */
enum CrashScenario {
  PLANNED(FailoverMode.PLANNED, Phase.COMPLETED),
  DRILL(FailoverMode.DRILL, Phase.COMPLETED),
  UNPLANNED(FailoverMode.UNPLANNED, Phase.COMPLETED),
  DENIED(FailoverMode.PLANNED, Phase.ABORTED);

  private final FailoverMode mode;
  private final Phase outcome;

  CrashScenario(FailoverMode mode, Phase outcome) {
    this.mode = mode;
    this.outcome = outcome;
  }

  /** How an uninterrupted run of the scenario ends. */
  Phase outcome() {
    return outcome;
  }

  FailoverRequest request() {
    return new FailoverRequest("orders", TARGET, mode, "crash matrix " + name(), "carol");
  }

  /** Whether the source refuses every connection for the whole failover. */
  boolean refusesSource() {
    return this == UNPLANNED;
  }

  /** Sets the stand-in up before the failover starts. */
  void prepare(AwsStandIn standIn) {
    if (refusesSource()) {
      standIn.faults().refuseRegion(SOURCE);
    }
  }

  /**
   * Sends the signals the failover waits for, as {@code status} shows it waiting, each once: {@code
   * sent} remembers which were sent. Signals reach the server also while no worker runs.
   */
  void operate(RegionFailoverWorkflow failover, FailoverStatus status, Set<String> sent) {
    if (status.waitingFor() != null
        && status.waitingFor().what().contains("are isolated")
        && sent.add("confirm")) {
      failover.confirmFenced(new ConfirmFencedSignal("dave", "us-east-1 is cut off"));
    }
    if (status.phase() != Phase.AWAIT_APPROVAL) {
      return;
    }
    switch (this) {
      case PLANNED -> {
        if (sent.add("approve")) {
          failover.approvePromotion(new ApprovalSignal("alice", "crash matrix"));
        }
      }
      case UNPLANNED -> {
        if (sent.add("approve")) {
          failover.approvePromotion(new ApprovalSignal("alice", "data loss accepted"));
          failover.approvePromotion(new ApprovalSignal("bob", "data loss accepted"));
        }
      }
      case DENIED -> {
        if (sent.add("deny")) {
          failover.denyPromotion(new DenialSignal("bob", "not now"));
        }
      }
      case DRILL -> {
        // A DRILL approves itself.
      }
    }
  }
}
