package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.AuthorityTransition;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * The authority ledger as the saga reads and writes it: which stub reaches a region's copy, and the
 * transitions this failover makes under its own workflow id.
 */
final class AuthorityLedger {

  private final FailoverState state;
  private final AuthorityActivities ledger;
  private final AuthorityActivities sourceLedger;

  /**
   * @param ledger calls that must succeed
   * @param sourceLedger calls into a region that may be down, with a bounded retry budget
   */
  AuthorityLedger(
      FailoverState state, AuthorityActivities ledger, AuthorityActivities sourceLedger) {
    this.state = requireNonNull(state, "state is null");
    this.ledger = requireNonNull(ledger, "ledger is null");
    this.sourceLedger = requireNonNull(sourceLedger, "sourceLedger is null");
  }

  /** The stub whose calls must succeed, for every copy at once or for one that answers. */
  AuthorityActivities everywhere() {
    return ledger;
  }

  /** The stub for one region's copy once the source is known: only the source may be down. */
  AuthorityActivities in(String region) {
    return region.equals(state.source) ? sourceLedger : ledger;
  }

  /** The stub for one region's copy before the source is known: any region but the target. */
  AuthorityActivities beforeSourceIsKnownIn(String region) {
    return region.equals(state.request.targetRegion()) ? ledger : sourceLedger;
  }

  /** Moves the copies in {@code regions} from {@code fromEpoch} to the next, as this workflow. */
  AuthorityTransition changeIn(
      List<String> regions, long fromEpoch, AuthorityState to, String writer, String reason) {
    return new AuthorityTransition(
        state.estate.app(),
        state.estate.authority().table(),
        regions,
        fromEpoch,
        fromEpoch + 1,
        to,
        writer,
        Workflow.getInfo().getWorkflowId(),
        reason);
  }

  /** Moves every copy from {@code fromEpoch} to the next, as this workflow. */
  AuthorityTransition change(long fromEpoch, AuthorityState to, String writer, String reason) {
    return changeIn(state.estate.regions(), fromEpoch, to, writer, reason);
  }
}
