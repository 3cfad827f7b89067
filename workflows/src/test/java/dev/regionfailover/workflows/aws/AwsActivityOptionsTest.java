package dev.regionfailover.workflows.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Pins the retry shape and the heartbeat timeout every workflow's AWS calls get: a change to an
 * interval, the backoff, the cap, an attempt count or the heartbeat timeout must be a deliberate
 * change of this test.
 */
class AwsActivityOptionsTest {

  @Test
  void aStepThatMustSucceedGetsTenAttempts() {
    assertThat(AwsActivityOptions.STANDARD_ATTEMPTS).isEqualTo(10);
  }

  @Test
  void persistentCallsRetryFromOneSecondDoublingUpToThirtySeconds() {
    ActivityOptions options =
        AwsActivityOptions.persistent(Duration.ofMinutes(2), AwsActivityOptions.STANDARD_ATTEMPTS);

    assertThat(options.getStartToCloseTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.getHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertRetry(options.getRetryOptions(), Duration.ofSeconds(1), 2, Duration.ofSeconds(30), 10);
    assertThat(options)
        .isEqualTo(
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(2)
                        .setMaximumInterval(Duration.ofSeconds(30))
                        .setMaximumAttempts(10)
                        .build())
                .build());
  }

  @Test
  void everyCallIsHandedToAnotherWorkerAfterTenSilentSeconds() {
    assertThat(AwsActivityOptions.HEARTBEAT_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
    for (ActivityOptions options :
        new ActivityOptions[] {
          AwsActivityOptions.persistent(Duration.ofHours(6), 20),
          AwsActivityOptions.fewAttempts(Duration.ofSeconds(45), 3),
          AwsActivityOptions.singleAttempt(Duration.ofSeconds(30))
        }) {
      assertThat(options.getHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
    }
  }

  @Test
  void aFewAttemptsRetryFromOneSecondDoublingWithNoCap() {
    ActivityOptions options = AwsActivityOptions.fewAttempts(Duration.ofSeconds(45), 3);

    assertThat(options.getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(options.getHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertRetry(options.getRetryOptions(), Duration.ofSeconds(1), 2, null, 3);
    assertThat(options)
        .isEqualTo(
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(45))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(2)
                        .setMaximumAttempts(3)
                        .build())
                .build());
  }

  @Test
  void aSingleAttemptIsNeverRetried() {
    ActivityOptions options = AwsActivityOptions.singleAttempt(Duration.ofSeconds(30));

    assertThat(options.getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.getHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertRetry(options.getRetryOptions(), null, 0, null, 1);
    assertThat(options)
        .isEqualTo(
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @Test
  void noOptionLimitsTheWholeScheduleOrChoosesATaskQueue() {
    for (ActivityOptions options :
        new ActivityOptions[] {
          AwsActivityOptions.persistent(Duration.ofMinutes(2), 10),
          AwsActivityOptions.fewAttempts(Duration.ofMinutes(2), 5),
          AwsActivityOptions.singleAttempt(Duration.ofSeconds(30))
        }) {
      assertThat(options.getScheduleToCloseTimeout()).isNull();
      assertThat(options.getScheduleToStartTimeout()).isNull();
      assertThat(options.getTaskQueue()).isNull();
      assertThat(options.getRetryOptions().getDoNotRetry()).isNull();
    }
  }

  private static void assertRetry(
      RetryOptions retry,
      Duration initialInterval,
      double backoffCoefficient,
      Duration maximumInterval,
      int maximumAttempts) {
    assertThat(retry.getInitialInterval()).isEqualTo(initialInterval);
    assertThat(retry.getBackoffCoefficient()).isEqualTo(backoffCoefficient);
    assertThat(retry.getMaximumInterval()).isEqualTo(maximumInterval);
    assertThat(retry.getMaximumAttempts()).isEqualTo(maximumAttempts);
  }
}
