package dev.regionfailover.activities.heartbeat;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public final class SlowWorkflowImpl implements SlowWorkflow {

  @Override
  public String run(String checkpoint, int attempts) {
    SlowActivity activity =
        Workflow.newActivityStub(
            SlowActivity.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setHeartbeatTimeout(Duration.ofSeconds(1))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofMillis(100))
                        .setMaximumAttempts(attempts)
                        .build())
                .build());
    return activity.run(checkpoint);
  }
}
