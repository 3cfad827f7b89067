package dev.regionfailover.workflows.quota;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.estate.AwsAccount;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An activity stub whose mutating calls spend an account-wide AWS quota: {@link #reads()} is the
 * stub on {@code region-failover}, and {@link #on} the stub on the quota queue of an API and an
 * account, created when first asked for since the account is known only once the estate is loaded.
 * An activity that reads and writes goes to the quota queue: its write is what the quota counts.
 *
 * <p>Workflows that began before the quota queues existed keep every call on {@code
 * region-failover}: their histories hold the tasks there, and the version marker under {@link
 * QuotaQueues#CHANGE_ID} tells them apart.
 *
 * @param <T> the activity interface
 */
public final class QuotaBoundStub<T> {

  private final Class<T> type;
  private final ActivityOptions options;
  private final T reads;
  private final Map<String, T> byQueue = new HashMap<>();

  /** Creates the stub on {@code region-failover}; call it where workflow stubs are created. */
  public QuotaBoundStub(Class<T> type, ActivityOptions options) {
    this.type = requireNonNull(type, "type is null");
    this.options = requireNonNull(options, "options is null");
    this.reads = Workflow.newActivityStub(type, options);
  }

  /** The stub for calls that spend no quota: reads, which stay on {@code region-failover}. */
  public T reads() {
    return reads;
  }

  /** The stub for calls that spend {@code api}'s quota in {@code account}. */
  public T on(QuotaApi api, AwsAccount account) {
    requireNonNull(api, "api is null");
    requireNonNull(account, "account is null");
    int version = Workflow.getVersion(QuotaQueues.CHANGE_ID, Workflow.DEFAULT_VERSION, 1);
    if (version == Workflow.DEFAULT_VERSION) {
      return reads;
    }
    return byQueue.computeIfAbsent(
        QuotaQueues.name(api, account),
        queue ->
            Workflow.newActivityStub(
                type, ActivityOptions.newBuilder(options).setTaskQueue(queue).build()));
  }

  /** The stub for calls that spend {@code api}'s quota when there is one, else {@link #reads()}. */
  public T on(Optional<QuotaApi> api, AwsAccount account) {
    return api.isPresent() ? on(api.get(), account) : reads;
  }
}
