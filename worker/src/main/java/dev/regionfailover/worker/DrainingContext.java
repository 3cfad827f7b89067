package dev.regionfailover.worker;

import static java.util.Objects.requireNonNull;

import com.uber.m3.tally.Scope;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.activity.ManualActivityCompletionClient;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionClient;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityWorkerShutdownException;
import io.temporal.client.WorkflowClient;
import io.temporal.common.CancellationToken;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An activity's context whose heartbeats keep reaching Temporal while the worker shuts down: when
 * the SDK refuses a heartbeat because its worker is stopping, the heartbeat goes through the
 * worker's client instead, by task token, at most a few times per heartbeat timeout. A cancellation
 * or an attempt the server no longer knows still reaches the activity, as an {@link
 * ActivityCompletionException} from that call.
 */
final class DrainingContext implements ActivityExecutionContext {

  private static final Logger log = LoggerFactory.getLogger(DrainingContext.class);

  /** Direct heartbeats per heartbeat timeout, as often as the keep-alive heartbeats go. */
  private static final int BEATS_PER_TIMEOUT = 4;

  private final ActivityExecutionContext delegate;
  private ActivityCompletionClient completions;
  private long lastDirectBeat;

  DrainingContext(ActivityExecutionContext delegate) {
    this.delegate = requireNonNull(delegate, "delegate is null");
  }

  @Override
  public <V> void heartbeat(V details) throws ActivityCompletionException {
    try {
      delegate.heartbeat(details);
    } catch (ActivityWorkerShutdownException e) {
      heartbeatWhileDraining(details);
    }
  }

  private synchronized <V> void heartbeatWhileDraining(V details) {
    Duration timeout = delegate.getInfo().getHeartbeatTimeout();
    long period = Math.max(1, timeout.toNanos() / BEATS_PER_TIMEOUT);
    long now = System.nanoTime();
    if (lastDirectBeat != 0 && now - lastDirectBeat < period) {
      return;
    }
    if (completions == null) {
      completions = delegate.getWorkflowClient().newActivityCompletionClient();
      log.info(
          "The worker is stopping; activity {} of {} keeps heartbeating until it ends",
          delegate.getInfo().getActivityType(),
          delegate.getInfo().getWorkflowId());
    }
    lastDirectBeat = now;
    completions.heartbeat(delegate.getTaskToken(), details);
  }

  @Override
  public ActivityInfo getInfo() {
    return delegate.getInfo();
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
