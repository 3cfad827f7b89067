package dev.regionfailover.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Terminates a failover the way an operator's {@code temporal workflow terminate} would, right
 * after the nth execution of one activity type made its change in AWS and before the failover
 * recorded it: the worst moment for whoever must work out what was done.
 */
final class TerminateAfter extends WorkerInterceptorBase {

  private final String activityType;
  private final int occurrence;
  private final List<String> workflowIds;
  private final AtomicInteger seen = new AtomicInteger();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile WorkflowClient client;

  /**
   * @param workflowIds the workflows to terminate, in order; an activity of any workflow counts
   */
  TerminateAfter(String activityType, int occurrence, List<String> workflowIds) {
    this.activityType = activityType;
    this.occurrence = occurrence;
    this.workflowIds = List.copyOf(workflowIds);
  }

  /** The client that terminates; the worker's own, which exists only once the worker does. */
  void attach(WorkflowClient client) {
    this.client = client;
  }

  /** Waits until the failover was terminated, or fails. */
  void awaitTerminated(Duration timeout) throws InterruptedException {
    if (!terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "no " + activityType + " #" + occurrence + " ran within " + timeout + " to terminate at");
    }
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityInfo info;

      @Override
      public void init(ActivityExecutionContext context) {
        info = context.getInfo();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        ActivityOutput output = super.execute(input);
        if (info.getActivityType().equals(activityType) && seen.incrementAndGet() == occurrence) {
          for (String workflowId : workflowIds) {
            client
                .newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
                .terminate("terminated by the test after " + activityType + " #" + occurrence);
          }
          terminated.countDown();
        }
        return output;
      }
    };
  }
}
