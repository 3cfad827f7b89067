package dev.regionfailover.worker.health;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The activities this worker is running now, so that a shutdown whose grace period ran out can name
 * the ones it abandoned to Temporal's retry.
 */
public final class InFlightActivities extends WorkerInterceptorBase {

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
        super.init(context);
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
  public List<String> running() {
    return running.stream().sorted().toList();
  }
}
