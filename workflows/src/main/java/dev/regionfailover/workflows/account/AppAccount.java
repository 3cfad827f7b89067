package dev.regionfailover.workflows.account;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.estate.AwsAccount;
import io.temporal.workflow.WorkflowLocal;

/**
 * The AWS account that the activities of the running workflow act in. A workflow sets it right
 * after it loads its app's estate; {@link AccountWorkflowInterceptor} then sends it in a header
 * with every activity and child workflow the workflow starts, and with its continuation, so that
 * the worker makes those calls with the credentials of the app's account. A workflow that has set
 * nothing, and was given nothing by its parent, acts in the worker's own account.
 *
 * <p>The value comes from the estate, which the workflow reads through an activity, so a replay
 * sets the same value at the same point of the history.
 */
public final class AppAccount {

  private static final WorkflowLocal<AwsAccount> CURRENT =
      WorkflowLocal.withCachedInitial(() -> AwsAccount.WORKER);

  private AppAccount() {}

  /** Makes {@code account} the account of every call this workflow starts from now on. */
  public static void use(AwsAccount account) {
    CURRENT.set(requireNonNull(account, "account is null"));
  }

  /** The account this workflow's calls are made in. */
  public static AwsAccount current() {
    return CURRENT.get();
  }
}
