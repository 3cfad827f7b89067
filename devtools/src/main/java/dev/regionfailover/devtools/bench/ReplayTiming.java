package dev.regionfailover.devtools.bench;

import dev.regionfailover.workflows.failover.RegionFailoverWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long the SDK takes to replay a failover's whole history in this JVM, as a fresh worker does
 * before it can go on: the first replay pays for loading and compiling the workflow's code, the
 * later ones show the steady cost.
 *
 * @param events the history's events
 * @param cold the first replay in this JVM
 * @param warm the median of the replays after it
 */
record ReplayTiming(int events, Duration cold, Duration warm) {

  private static final int WARM_REPLAYS = 9;

  /**
   * Replays {@code history} once cold and then {@value #WARM_REPLAYS} times.
   *
   * @throws Exception when the history does not replay, which would be a determinism bug
   */
  static ReplayTiming of(WorkflowExecutionHistory history) throws Exception {
    Duration cold = replay(history);
    List<Duration> warm = new ArrayList<>();
    for (int i = 0; i < WARM_REPLAYS; i++) {
      warm.add(replay(history));
    }
    Collections.sort(warm);
    return new ReplayTiming(history.getEvents().size(), cold, warm.get(warm.size() / 2));
  }

  private static Duration replay(WorkflowExecutionHistory history) throws Exception {
    long started = System.nanoTime();
    WorkflowReplayer.replayWorkflowExecution(history, RegionFailoverWorkflowImpl.class);
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
