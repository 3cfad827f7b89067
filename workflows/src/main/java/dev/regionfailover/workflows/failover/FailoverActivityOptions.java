package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.aws.AwsActivityOptions;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;

/**
 * The activity options of the workflows under an app's failover id, by how long a call may take.
 */
final class FailoverActivityOptions {

  /**
   * Calls into a region that may be down: a bounded budget, so an UNPLANNED failover or a recovery
   * moves on and records what it could not reach instead of retrying for minutes. Asking STS whose
   * credentials signed an approval takes the same budget: an operator waits for the answer, and an
   * approval it could not check is recorded as not counted and can be sent again.
   */
  static final int PROBE_ATTEMPTS = 3;

  static final ActivityOptions PROBE =
      AwsActivityOptions.fewAttempts(Duration.ofSeconds(45), PROBE_ATTEMPTS);

  /** Ordinary AWS calls that must succeed. */
  static final ActivityOptions SHORT =
      AwsActivityOptions.persistent(Duration.ofMinutes(2), AwsActivityOptions.STANDARD_ATTEMPTS);

  /** Calls that wait for AWS to finish, such as an Aurora promotion. */
  static final ActivityOptions WAITING =
      AwsActivityOptions.persistent(Duration.ofHours(1), AwsActivityOptions.STANDARD_ATTEMPTS);

  /** Calls that work through a whole table. */
  static final ActivityOptions BULK =
      AwsActivityOptions.persistent(Duration.ofHours(6), AwsActivityOptions.STANDARD_ATTEMPTS);

  private FailoverActivityOptions() {}
}
