package dev.regionfailover.devtools.bench;

import dev.regionfailover.devstack.aws.TimedCall;
import dev.regionfailover.workflows.failover.Phase;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The orchestration overhead of one failover: its wall time, from the server's first event of the
 * run to its last, against the time AWS worked for it on its critical path.
 *
 * @param wall the failover's wall time
 * @param aws the AWS time on its critical path, and the stretches without AWS work
 * @param calls its AWS calls by service, against the least it needed
 * @param approvalWait how long the benchmark took to approve once the workflow waited
 * @param completed whether the failover completed
 */
record P1Figures(
    Duration wall, AwsTime aws, CallCounts calls, Duration approvalWait, boolean completed) {

  /** The target of {@link #ratio()}. */
  static final double TARGET = 1.10;

  static P1Figures of(
      BenchFailover.Run run,
      WorkflowExecutionHistory history,
      List<TimedCall> calls,
      Duration switchover,
      Duration dnsSync) {
    List<HistoryEvent> events = history.getEvents();
    Instant from = ActivityStarts.instant(events.get(0).getEventTime());
    Instant to = ActivityStarts.instant(events.get(events.size() - 1).getEventTime());
    return new P1Figures(
        Duration.between(from, to),
        AwsTime.of(calls, from, to, switchover, dnsSync),
        CallCounts.of(AwsTime.failoverCalls(calls, from, to)),
        run.approvalWait(),
        run.result().outcome() == Phase.COMPLETED);
  }

  /** Wall time over AWS time: 1.00 would be a failover that never waits on anything but AWS. */
  double ratio() {
    return (double) wall.toNanos() / aws.total().toNanos();
  }

  /** Wall time less AWS time: what the orchestration, and the waiting it chose, added. */
  Duration overhead() {
    return wall.minus(aws.total());
  }
}
