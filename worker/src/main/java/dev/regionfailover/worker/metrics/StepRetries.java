package dev.regionfailover.worker.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;

/**
 * Counts the retried attempts of the workflows' steps: every activity attempt after the first, by
 * app and step (the activity's type). Temporal retries a step without the workflow seeing it, so
 * the worker that runs the attempt counts it.
 */
public final class StepRetries extends WorkerInterceptorBase {

  static final String RETRIED = WorkerMetrics.PREFIX + "steps_retried";

  private final MeterRegistry registry;

  public StepRetries(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry is null");
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public void init(ActivityExecutionContext context) {
        ActivityInfo info = context.getInfo();
        if (info.getAttempt() > 1) {
          registry
              .counter(RETRIED, "app", app(info.getWorkflowId()), "step", info.getActivityType())
              .increment();
        }
        super.init(context);
      }
    };
  }

  /**
   * The app of a workflow id: every workflow of the project is started as KIND-APP, such as {@code
   * failover-orders} or {@code repin-orders}.
   */
  static String app(String workflowId) {
    int dash = workflowId == null ? -1 : workflowId.indexOf('-');
    return dash < 0 || dash == workflowId.length() - 1 ? "unknown" : workflowId.substring(dash + 1);
  }
}
