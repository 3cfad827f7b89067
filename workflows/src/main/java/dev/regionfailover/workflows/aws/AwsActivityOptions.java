package dev.regionfailover.workflows.aws;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The activity options of every workflow's calls into AWS. Each workflow chooses its budgets (the
 * time one attempt may take and the number of attempts) next to the stub that uses them; the shape
 * of the retries and the heartbeat timeout are chosen here, once: the first retry a second after a
 * failure, each wait twice the one before, and an attempt whose worker fell silent for {@link
 * #HEARTBEAT_TIMEOUT} handed to another worker.
 *
 * <p>Two timeouts bound an attempt, for two different failures:
 *
 * <ul>
 *   <li>A worker that dies (killed, out of memory, its host gone) stops heartbeating. The worker
 *       heartbeats every running activity several times per heartbeat timeout from a thread of its
 *       own ({@code KeepAliveHeartbeats}), also while an AWS call blocks, so the server notices a
 *       dead worker within {@link #HEARTBEAT_TIMEOUT} and retries the attempt on another worker
 *       after the first retry interval, a second: about 11 s from the kill to the next attempt,
 *       whatever the start-to-close timeout.
 *   <li>An attempt that hangs in a live worker is ended by its start-to-close timeout, which must
 *       leave room for every AWS call the attempt makes. The SDK's clients ({@code AwsSettings}
 *       defaults) give one call at most 30 s: 4 HTTP attempts of at most 10 s each, the SDK's
 *       backoff between them, all capped at 30 s. An attempt that makes {@code k} calls in a row
 *       therefore needs {@code k × 30 s} plus a margin, or a slow but healthy call would be cut
 *       off: a probe of a region that may be down makes one or two calls (45 s), a short step a
 *       handful, such as a read and a conditional write of the ledger in each of two regions (2
 *       min), and waits and bulk work are bounded by what they wait for (an hour and more).
 * </ul>
 *
 * <p>Timeouts are not part of replay: the SDK does not compare activity options with the history,
 * so changing them needs no version marker.
 */
public final class AwsActivityOptions {

  /**
   * The attempts of a step that must succeed for the workflow to go on: with waits capped at 30
   * seconds, about two and a half minutes of waiting through throttling and brief outages.
   */
  public static final int STANDARD_ATTEMPTS = 10;

  /**
   * How long an attempt may go without a heartbeat before the server gives it to another worker:
   * the longest a dead worker holds a step. The worker heartbeats every quarter of it, and the SDK
   * sends at most one heartbeat per 80% of it, so a live worker's heartbeats arrive with 2 s to
   * spare.
   */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration INITIAL_INTERVAL = Duration.ofSeconds(1);
  private static final double BACKOFF_COEFFICIENT = 2;
  private static final Duration MAXIMUM_INTERVAL = Duration.ofSeconds(30);

  private AwsActivityOptions() {}

  /**
   * Calls that must succeed: retried up to {@code maximumAttempts} times, with waits capped at 30
   * seconds so that a long budget keeps trying at a steady pace.
   */
  public static ActivityOptions persistent(Duration startToClose, int maximumAttempts) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(persistentRetry(maximumAttempts))
        .build();
  }

  /**
   * Calls with a small budget, after which the workflow records the failure or moves on rather than
   * keep trying (a probe of a region that may be down, a dry-run check, a health sample): retried
   * seconds apart, with no cap on the waits since a small budget never reaches one.
   */
  public static ActivityOptions fewAttempts(Duration startToClose, int maximumAttempts) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(INITIAL_INTERVAL)
                .setBackoffCoefficient(BACKOFF_COEFFICIENT)
                .setMaximumAttempts(maximumAttempts)
                .build())
        .build();
  }

  /** Calls that are samples in a loop of their own: one attempt, whose failure is the sample. */
  public static ActivityOptions singleAttempt(Duration startToClose) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  private static RetryOptions persistentRetry(int maximumAttempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(INITIAL_INTERVAL)
        .setBackoffCoefficient(BACKOFF_COEFFICIENT)
        .setMaximumInterval(MAXIMUM_INTERVAL)
        .setMaximumAttempts(maximumAttempts)
        .build();
  }
}
