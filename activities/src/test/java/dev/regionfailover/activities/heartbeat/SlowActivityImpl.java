package dev.regionfailover.activities.heartbeat;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/**
 * Blocks for {@code block} without heartbeating, as an AWS call does, then fails: the first attempt
 * after heartbeating its checkpoint, the second without a heartbeat of its own. The third returns
 * the details it starts from, which shows what the server kept through both.
 */
final class SlowActivityImpl implements SlowActivity {

  private final Duration block;

  SlowActivityImpl(Duration block) {
    this.block = block;
  }

  @Override
  public String run(String checkpoint) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    String resumedFrom = context.getHeartbeatDetails(String.class).orElse("none");
    int attempt = context.getInfo().getAttempt();
    if (attempt > 2) {
      return resumedFrom;
    }
    if (attempt == 1) {
      context.heartbeat(checkpoint);
    } else if (!resumedFrom.equals(checkpoint)) {
      return "the second attempt read " + resumedFrom;
    }
    try {
      Thread.sleep(block.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    throw ApplicationFailure.newFailure("attempt " + attempt + " fails after blocking", "Blocked");
  }
}
