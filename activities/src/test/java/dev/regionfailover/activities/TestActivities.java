package dev.regionfailover.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Running activities in a test, and checking how they fail. */
public final class TestActivities {

  private TestActivities() {}

  /** One attempt, so that a test sees the first failure instead of a retry. */
  public static ActivityOptions once() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setHeartbeatTimeout(Duration.ofSeconds(30))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  /** Runs the call, expecting a non-retryable application failure, and returns it. */
  public static ApplicationFailure nonRetryable(ThrowingCallable call) {
    ApplicationFailure failure = applicationFailure(call);
    assertThat(failure.isNonRetryable())
        .as("non-retryable: %s", failure.getOriginalMessage())
        .isTrue();
    return failure;
  }

  /** Runs the call, expecting a retryable application failure, and returns it. */
  public static ApplicationFailure retryable(ThrowingCallable call) {
    ApplicationFailure failure = applicationFailure(call);
    assertThat(failure.isNonRetryable())
        .as("retryable: %s", failure.getOriginalMessage())
        .isFalse();
    return failure;
  }

  private static ApplicationFailure applicationFailure(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    // Through an activity stub the failure arrives wrapped, as a workflow would see it.
    Throwable failure = thrown instanceof ActivityFailure ? thrown.getCause() : thrown;
    assertThat(failure).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failure;
  }
}
