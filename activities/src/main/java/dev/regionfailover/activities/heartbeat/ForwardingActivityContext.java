package dev.regionfailover.activities.heartbeat;

import static java.util.Objects.requireNonNull;

import com.uber.m3.tally.Scope;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.activity.ManualActivityCompletionClient;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.WorkflowClient;
import io.temporal.common.CancellationToken;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * An activity's execution context that passes every call to the SDK's own, for interceptors that
 * change how a few of them behave (heartbeats, mostly) and override only those.
 */
public abstract class ForwardingActivityContext implements ActivityExecutionContext {

  /** The SDK's context of the activity. */
  protected final ActivityExecutionContext delegate;

  protected ForwardingActivityContext(ActivityExecutionContext delegate) {
    this.delegate = requireNonNull(delegate, "delegate is null");
  }

  @Override
  public ActivityInfo getInfo() {
    return delegate.getInfo();
  }

  @Override
  public <V> void heartbeat(V details) throws ActivityCompletionException {
    delegate.heartbeat(details);
  }

  @Override
  public <V> Optional<V> getHeartbeatDetails(Class<V> detailsClass) {
    return delegate.getHeartbeatDetails(detailsClass);
  }

  @Override
  public <V> Optional<V> getHeartbeatDetails(Class<V> detailsClass, Type detailsGenericType) {
    return delegate.getHeartbeatDetails(detailsClass, detailsGenericType);
  }

  @Override
  public <V> Optional<V> getLastHeartbeatDetails(Class<V> detailsClass) {
    return delegate.getLastHeartbeatDetails(detailsClass);
  }

  @Override
  public <V> Optional<V> getLastHeartbeatDetails(Class<V> detailsClass, Type detailsGenericType) {
    return delegate.getLastHeartbeatDetails(detailsClass, detailsGenericType);
  }

  @Override
  public byte[] getTaskToken() {
    return delegate.getTaskToken();
  }

  @Override
  public CancellationToken<ActivityCanceledException> getCancellationToken() {
    return delegate.getCancellationToken();
  }

  @Override
  public void doNotCompleteOnReturn() {
    delegate.doNotCompleteOnReturn();
  }

  @Override
  public boolean isDoNotCompleteOnReturn() {
    return delegate.isDoNotCompleteOnReturn();
  }

  @Override
  public boolean isUseLocalManualCompletion() {
    return delegate.isUseLocalManualCompletion();
  }

  @Override
  public ManualActivityCompletionClient useLocalManualCompletion() {
    return delegate.useLocalManualCompletion();
  }

  @Override
  public Scope getMetricsScope() {
    return delegate.getMetricsScope();
  }

  @Override
  public WorkflowClient getWorkflowClient() {
    return delegate.getWorkflowClient();
  }

  @Override
  public Object getInstance() {
    return delegate.getInstance();
  }
}
