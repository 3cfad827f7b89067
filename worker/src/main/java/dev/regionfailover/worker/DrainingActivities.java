package dev.regionfailover.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the activities in flight alive while the worker drains them at shutdown, and knows which
 * are running, so that a shutdown whose grace ran out can name the ones it abandoned.
 *
 * <p>Once {@code WorkerFactory.shutdown()} has been called, the SDK's heartbeat throws {@code
 * ActivityWorkerShutdownException} and sends nothing. An activity that waits (for a switchover,
 * say) would then fail, or be timed out by the server after its heartbeat timeout, although the
 * worker means to let it finish. Each activity's context is wrapped in a {@link DrainingContext},
 * which sends those heartbeats itself.
 */
final class DrainingActivities extends WorkerInterceptorBase {

  private final Set<String> running = ConcurrentHashMap.newKeySet();

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String name;

      @Override
      public void init(ActivityExecutionContext context) {
        ActivityInfo info = context.getInfo();
        name =
            info.getActivityType()
                + " (attempt "
                + info.getAttempt()
                + ") of "
                + info.getWorkflowId();
        super.init(new DrainingContext(context));
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        running.add(name);
        try {
          return super.execute(input);
        } finally {
          running.remove(name);
        }
      }
    };
  }

  /** The activities running now, sorted. */
  List<String> running() {
    return running.stream().sorted().toList();
  }
}
