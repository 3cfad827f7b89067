package dev.regionfailover.workflows.quota;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.estate.AwsAccount;

/**
 * The names of the rate-limited task queues through which the mutating calls of quota-bound APIs
 * go: {@code region-failover-quota-<api>-<account>}, one per API and AWS account, since AWS counts
 * its quotas per account. The worker polls each with the API's rate as {@code
 * maxTaskQueueActivitiesPerSecond}, which the Temporal server enforces for all workers together.
 */
public final class QuotaQueues {

  /** What every quota queue's name starts with. */
  public static final String PREFIX = "region-failover-quota-";

  /**
   * The change id under which running workflows began to route these calls to the quota queues;
   * histories from before it keep every call on {@code region-failover}.
   */
  public static final String CHANGE_ID = "quota-task-queues";

  private QuotaQueues() {}

  /** The queue of {@code api}'s mutating calls in the account {@code accountId}. */
  public static String name(QuotaApi api, String accountId) {
    requireNonNull(api, "api is null");
    requireNonNull(accountId, "accountId is null");
    return PREFIX + api.key() + "-" + accountId;
  }

  /** The queue of {@code api}'s mutating calls in {@code account}. */
  public static String name(QuotaApi api, AwsAccount account) {
    return name(api, requireNonNull(account, "account is null").accountId());
  }
}
