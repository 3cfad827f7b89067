package dev.regionfailover.activities.aws;

import dev.regionfailover.workflows.estate.AwsAccount;
import java.util.function.Supplier;

/**
 * The AWS account of the activity running on the current thread, as its workflow sent it in the
 * account header; {@link AwsClients} makes that activity's calls with this account's credentials.
 * Activities make their AWS calls on the thread that runs them, so a thread-local is enough.
 */
public final class ActivityAccount {

  private static final ThreadLocal<AwsAccount> CURRENT = new ThreadLocal<>();

  private ActivityAccount() {}

  /** The account of the running activity; the worker's own outside any activity. */
  public static AwsAccount current() {
    AwsAccount account = CURRENT.get();
    return account == null ? AwsAccount.WORKER : account;
  }

  /**
   * Runs {@code activity} in {@code account}, restoring what was current before. An activity that
   * acts for several apps, such as listing an evacuation's candidates, runs each app's calls so.
   */
  public static <T> T in(AwsAccount account, Supplier<T> activity) {
    AwsAccount before = CURRENT.get();
    CURRENT.set(account);
    try {
      return activity.get();
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    }
  }
}
