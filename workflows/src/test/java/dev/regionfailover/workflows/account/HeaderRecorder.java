package dev.regionfailover.workflows.account;

import dev.regionfailover.workflows.estate.AwsAccount;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the account header of every activity the worker runs, as the activity side reads it. */
public final class HeaderRecorder extends WorkerInterceptorBase {

  /**
   * One activity execution.
   *
   * @param workflowType the type of the workflow that scheduled it
   * @param activityType the activity's type, such as {@code EstateLoad}
   * @param account the account its header carried
   */
  public record Call(String workflowType, String activityType, AwsAccount account) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();

  public List<Call> calls() {
    return List.copyOf(calls);
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
        calls.add(
            new Call(
                info.getWorkflowType(),
                info.getActivityType(),
                AccountHeader.read(input.getHeader())));
        return super.execute(input);
      }
    };
  }
}
