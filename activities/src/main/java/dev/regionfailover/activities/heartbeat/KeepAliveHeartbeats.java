package dev.regionfailover.activities.heartbeat;

import static java.util.Objects.requireNonNull;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats every running activity that has a heartbeat timeout, from a thread of its own, a few
 * times per timeout, repeating the details the activity last heartbeated.
 *
 * <p>A heartbeat timeout is what lets Temporal hand the attempt of a killed worker to another one
 * within seconds, but an activity can only heartbeat between its AWS calls, and one call may
 * legitimately block for the SDK's whole call timeout (30 s with retries). These heartbeats say
 * that the worker process is alive while the call runs; a hung call is still bounded by the SDK's
 * timeouts and the activity's start-to-close timeout. The details are the activity's own, so a
 * checkpoint it heartbeated survives.
 */
public final class KeepAliveHeartbeats extends WorkerInterceptorBase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KeepAliveHeartbeats.class);

  /** Heartbeats per heartbeat timeout; the SDK sends at most one per 80% of the timeout. */
  private static final int BEATS_PER_TIMEOUT = 4;

  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "activity-keep-alive");
            thread.setDaemon(true);
            return thread;
          });

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new KeepAlive(next);
  }

  /** Stops heartbeating; the worker's activities are finished or abandoned by then. */
  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  /** One activity execution: heartbeats while it runs. */
  private final class KeepAlive extends ActivityInboundCallsInterceptorBase {

    private LatestDetailsContext context;

    KeepAlive(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(ActivityExecutionContext context) {
      this.context = new LatestDetailsContext(requireNonNull(context, "context is null"));
      super.init(this.context);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      Duration timeout = context.getInfo().getHeartbeatTimeout();
      if (timeout.isZero() || context.getInfo().isLocal()) {
        return super.execute(input);
      }
      long period = Math.max(1, timeout.toMillis() / BEATS_PER_TIMEOUT);
      ScheduledFuture<?> beats =
          scheduler.scheduleAtFixedRate(this::beat, 0, period, TimeUnit.MILLISECONDS);
      try {
        return super.execute(input);
      } finally {
        beats.cancel(false);
      }
    }

    /**
     * One heartbeat. A cancellation or a timed-out attempt is left for the activity itself to see
     * at its next heartbeat, as it would without this thread.
     */
    private void beat() {
      try {
        context.repeatLatest();
      } catch (ActivityCompletionException e) {
        log.debug(
            "Activity {} no longer takes heartbeats: {}", context.getInfo().getActivityId(), e);
      } catch (RuntimeException e) {
        log.warn("Heartbeat of activity {} failed", context.getInfo().getActivityId(), e);
      }
    }
  }
}
