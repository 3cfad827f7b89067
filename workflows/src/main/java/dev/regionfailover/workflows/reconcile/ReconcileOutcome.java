package dev.regionfailover.workflows.reconcile;

/** How a reconciliation ended. */
public enum ReconcileOutcome {
  /** Every check passed. */
  RECONCILED,
  /** The region answered, and at least one check needs an operator. */
  NEEDS_ATTENTION,
  /** The region did not answer within the recovery timeout; nothing was checked. */
  REGION_UNREACHABLE
}
