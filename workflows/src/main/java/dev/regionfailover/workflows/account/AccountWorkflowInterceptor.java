package dev.regionfailover.workflows.account;

import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;

/**
 * Carries {@link AppAccount} across Temporal: a workflow started with an {@link AccountHeader} (a
 * child, or a continued run) starts in that account, and every activity, local activity, child
 * workflow and continuation a workflow starts gets the header of its current account. The header is
 * recorded in history with the command, and is computed again on replay from the same estate, so it
 * changes nothing that replay compares.
 */
public final class AccountWorkflowInterceptor extends WorkerInterceptorBase {

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new Inbound(next);
  }

  private static final class Inbound extends WorkflowInboundCallsInterceptorBase {

    Inbound(WorkflowInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
      super.init(new Outbound(outboundCalls));
    }

    @Override
    public WorkflowOutput execute(WorkflowInput input) {
      AppAccount.use(AccountHeader.read(input.getHeader()));
      return super.execute(input);
    }
  }

  private static final class Outbound extends WorkflowOutboundCallsInterceptorBase {

    Outbound(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      return super.executeActivity(
          new ActivityInput<>(
              input.getActivityName(),
              input.getResultClass(),
              input.getResultType(),
              input.getArgs(),
              input.getOptions(),
              AccountHeader.with(input.getHeader(), AppAccount.current())));
    }

    @Override
    public <R> LocalActivityOutput<R> executeLocalActivity(LocalActivityInput<R> input) {
      return super.executeLocalActivity(
          new LocalActivityInput<>(
              input.getActivityName(),
              input.getResultClass(),
              input.getResultType(),
              input.getArgs(),
              input.getOptions(),
              AccountHeader.with(input.getHeader(), AppAccount.current())));
    }

    @Override
    public <R> ChildWorkflowOutput<R> executeChildWorkflow(ChildWorkflowInput<R> input) {
      return super.executeChildWorkflow(
          new ChildWorkflowInput<>(
              input.getWorkflowId(),
              input.getWorkflowType(),
              input.getResultClass(),
              input.getResultType(),
              input.getArgs(),
              input.getOptions(),
              AccountHeader.with(input.getHeader(), AppAccount.current())));
    }

    @Override
    public void continueAsNew(ContinueAsNewInput input) {
      super.continueAsNew(
          new ContinueAsNewInput(
              input.getWorkflowType(),
              input.getOptions(),
              input.getArgs(),
              AccountHeader.with(input.getHeader(), AppAccount.current())));
    }
  }
}
