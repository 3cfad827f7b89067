package dev.regionfailover.workflows.aws;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The activity options of every workflow's calls into AWS. Each workflow chooses its budgets (the
 * time one attempt may take, the heartbeat timeout and the number of attempts) next to the stub
 * that uses them; the shape of the retries is chosen here, once: the first retry a second after a
 * failure, each wait twice the one before.
 */
public final class AwsActivityOptions {

  /**
   * The attempts of a step that must succeed for the workflow to go on: with waits capped at 30
   * seconds, about two and a half minutes of waiting through throttling and brief outages.
   */
  public static final int STANDARD_ATTEMPTS = 10;

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
        .setRetryOptions(persistentRetry(maximumAttempts))
        .build();
  }

  /**
   * Calls that must succeed and heartbeat while they wait or work through many items: retried as
   * {@link #persistent(Duration, int)}, and retried early when no heartbeat arrives within {@code
   * heartbeat}.
   */
  public static ActivityOptions persistent(
      Duration startToClose, Duration heartbeat, int maximumAttempts) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(heartbeat)
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
