package dev.regionfailover.activities.heartbeat;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.converter.RawValue;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * An activity's execution context that remembers the details of the activity's last heartbeat, so
 * that {@link KeepAliveHeartbeats} repeats them instead of replacing a checkpoint.
 *
 * <p>Until the activity heartbeats itself, the details repeated are the previous attempt's, passed
 * through unconverted, so that an attempt killed before its first heartbeat leaves the checkpoint
 * it started from to the next one; and the activity reads the previous attempt's details, not the
 * repetition, which the SDK would otherwise count as this attempt's own.
 */
final class LatestDetailsContext extends ForwardingActivityContext {

  private Object latest;
  private boolean heartbeated;

  LatestDetailsContext(ActivityExecutionContext delegate) {
    super(delegate);
    this.latest =
        delegate
            .getInfo()
            .getHeartbeatDetails()
            .filter(details -> details.getPayloadsCount() == 1)
            .map(details -> new RawValue(details.getPayloads(0)))
            .orElse(null);
  }

  /**
   * Heartbeats the details of the activity's last heartbeat, or the previous attempt's before it.
   * Synchronized with {@link #heartbeat}, so a repetition never overtakes newer details.
   */
  synchronized void repeatLatest() {
    delegate.heartbeat(latest);
  }

  @Override
  public synchronized <V> void heartbeat(V details) throws ActivityCompletionException {
    latest = details;
    heartbeated = true;
    delegate.heartbeat(details);
  }

  @Override
  public <V> Optional<V> getHeartbeatDetails(Class<V> detailsClass) {
    return getHeartbeatDetails(detailsClass, detailsClass);
  }

  @Override
  public <V> Optional<V> getHeartbeatDetails(Class<V> detailsClass, Type detailsGenericType) {
    synchronized (this) {
      if (!heartbeated) {
        return delegate.getLastHeartbeatDetails(detailsClass, detailsGenericType);
      }
    }
    return delegate.getHeartbeatDetails(detailsClass, detailsGenericType);
  }
}
