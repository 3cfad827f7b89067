package dev.regionfailover.workflows.reconcile;

/**
 * The approximate message counts of one queue as SQS reports them: waiting ({@code visible}),
 * received but not deleted ({@code inFlight}) and not yet deliverable ({@code delayed}). {@code
 * missing} is true when the queue does not exist in the region.
 */
public record QueueBacklog(
    String region,
    String queue,
    boolean deadLetter,
    long visible,
    long inFlight,
    long delayed,
    boolean missing) {

  /** Every message the queue holds. */
  public long messages() {
    return visible + inFlight + delayed;
  }
}
