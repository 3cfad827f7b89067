package dev.regionfailover.activities.aws;

import dev.regionfailover.workflows.account.AccountHeader;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;

/**
 * Runs every activity in the AWS account its workflow named in the {@link AccountHeader}, so that
 * {@link AwsClients} signs the activity's calls with that account's credentials.
 */
public final class AccountActivityInterceptor extends WorkerInterceptorBase {

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        return ActivityAccount.in(
            AccountHeader.read(input.getHeader()), () -> super.execute(input));
      }
    };
  }
}
