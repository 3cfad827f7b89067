package dev.regionfailover.worker;

import dev.regionfailover.activities.heartbeat.ForwardingActivityContext;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionClient;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityWorkerShutdownException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An activity's context whose heartbeats keep reaching Temporal while the worker shuts down: when
 * the SDK refuses a heartbeat because its worker is stopping, the heartbeat goes through the
 * worker's client instead, by task token, at most a few times per heartbeat timeout. A cancellation
 * or an attempt the server no longer knows still reaches the activity, as an {@link
 * ActivityCompletionException} from that call.
 */
final class DrainingContext extends ForwardingActivityContext {

  private static final Logger log = LoggerFactory.getLogger(DrainingContext.class);

  /** Direct heartbeats per heartbeat timeout, as often as the keep-alive heartbeats go. */
  private static final int BEATS_PER_TIMEOUT = 4;

  private ActivityCompletionClient completions;
  private long lastDirectBeat;

  DrainingContext(ActivityExecutionContext delegate) {
    super(delegate);
  }

  @Override
  public <V> void heartbeat(V details) throws ActivityCompletionException {
    try {
      delegate.heartbeat(details);
    } catch (ActivityWorkerShutdownException e) {
      heartbeatWhileDraining(details);
    }
  }

  private synchronized <V> void heartbeatWhileDraining(V details) {
    Duration timeout = delegate.getInfo().getHeartbeatTimeout();
    long period = Math.max(1, timeout.toNanos() / BEATS_PER_TIMEOUT);
    long now = System.nanoTime();
    if (lastDirectBeat != 0 && now - lastDirectBeat < period) {
      return;
    }
    if (completions == null) {
      completions = delegate.getWorkflowClient().newActivityCompletionClient();
      log.info(
          "The worker is stopping; activity {} of {} keeps heartbeating until it ends",
          delegate.getInfo().getActivityType(),
          delegate.getInfo().getWorkflowId());
    }
    lastDirectBeat = now;
    completions.heartbeat(delegate.getTaskToken(), details);
  }
}
