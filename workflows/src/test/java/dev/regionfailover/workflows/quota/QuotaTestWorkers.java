package dev.regionfailover.workflows.quota;

import dev.regionfailover.workflows.estate.AwsAccount;
import io.temporal.testing.TestWorkflowEnvironment;

/**
 * Workers on the quota queues of the worker's own account, the account of every test estate that
 * names no role, so that a workflow test's mocked activities answer there too.
 */
public final class QuotaTestWorkers {

  private QuotaTestWorkers() {}

  /** Registers {@code activities} on each quota queue of the worker's own account. */
  public static void register(TestWorkflowEnvironment env, Object... activities) {
    register(env, AwsAccount.WORKER, activities);
  }

  /** Registers {@code activities} on each quota queue of {@code account}. */
  public static void register(
      TestWorkflowEnvironment env, AwsAccount account, Object... activities) {
    for (QuotaApi api : QuotaApi.values()) {
      env.newWorker(QuotaQueues.name(api, account)).registerActivitiesImplementations(activities);
    }
  }
}
