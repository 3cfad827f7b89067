package dev.regionfailover.workflows.estate;

/**
 * The AWS account an application lives in, as the role the worker assumes there. {@link #WORKER} is
 * the worker's own account, reached with its own credentials. Quotas of AWS's control planes are
 * per account, so the account also names the rate-limited task queues an app's calls go through.
 *
 * @param roleArn the role to assume in the app's account, or null for the worker's own account
 * @param externalId the external id the role's trust policy requires, or null
 */
public record AwsAccount(String roleArn, String externalId) {

  /** The worker's own account and credentials. */
  public static final AwsAccount WORKER = new AwsAccount(null, null);

  /** What names the worker's own account where an account id is expected. */
  public static final String WORKER_ACCOUNT = "worker";

  /** Whether the worker assumes a role for this account. */
  public boolean assumesRole() {
    return roleArn != null;
  }

  /**
   * The twelve-digit account id of the role, or {@link #WORKER_ACCOUNT} for the worker's own
   * account. The schema admits only role ARNs of the form {@code arn:PARTITION:iam::ID:role/NAME}.
   */
  public String accountId() {
    return roleArn == null ? WORKER_ACCOUNT : roleArn.split(":", 6)[4];
  }
}
