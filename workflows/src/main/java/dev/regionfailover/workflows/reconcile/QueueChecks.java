package dev.regionfailover.workflows.reconcile;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.estate.QueueRef;
import dev.regionfailover.workflows.finding.Finding;
import io.temporal.failure.ActivityFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQS section of the report: the messages left in the old region's queues, and the dead letters
 * the estate allows to move to the writer region's queues.
 */
final class QueueChecks {

  static final int MAX_REDRIVE = 10_000;

  private final ReconcileState state;
  private final CheckRunner checks;
  private final ReconcileActivities oldRegion;
  private final ReconcileActivities bulk;

  /**
   * @param oldRegion calls into the old region, with a bounded retry budget
   * @param bulk long calls that heartbeat, such as moving dead letters
   */
  QueueChecks(
      ReconcileState state,
      CheckRunner checks,
      ReconcileActivities oldRegion,
      ReconcileActivities bulk) {
    this.state = requireNonNull(state, "state is null");
    this.checks = requireNonNull(checks, "checks is null");
    this.oldRegion = requireNonNull(oldRegion, "oldRegion is null");
    this.bulk = requireNonNull(bulk, "bulk is null");
  }

  void check() {
    String old = state.oldRegion();
    List<Finding> findings = new ArrayList<>();
    List<QueueRef> queues = state.estate.queues(old);
    if (queues.isEmpty()) {
      checks.skip(CheckRunner.STRANDED, "the estate names no queues in " + old);
      checks.skip(CheckRunner.REDRIVE, "the estate names no queues in " + old);
      state.addSection("SQS", findings);
      return;
    }
    QueueBacklogs counted =
        checks.check(
            CheckRunner.STRANDED,
            () -> oldRegion.countStranded(new StrandedRequest(old, queues)),
            b -> b.queues().stream().mapToLong(QueueBacklog::messages).sum() + " message(s)");
    if (counted == null) {
      findings.add(ReconcileFindings.strandedNotCounted(old, state.lastFailure));
    } else {
      state.backlogs.addAll(counted.queues());
    }
    List<QueueRef> toRedrive =
        queues.stream().filter(q -> q.redrive() && q.deadLetterQueue() != null).toList();
    for (QueueBacklog backlog : state.backlogs) {
      boolean redriven =
          backlog.deadLetter()
              && toRedrive.stream().anyMatch(q -> q.deadLetterQueue().equals(backlog.queue()));
      String resource = backlog.queue() + " in " + backlog.region();
      if (backlog.missing()) {
        findings.add(ReconcileFindings.queueMissing(resource));
      } else if (backlog.messages() == 0) {
        findings.add(ReconcileFindings.queueEmpty(resource));
      } else if (!redriven) {
        findings.add(ReconcileFindings.stranded(resource, backlog, state.writer));
      }
    }
    redrive(toRedrive, findings);
    state.addSection("SQS", findings);
  }

  private void redrive(List<QueueRef> toRedrive, List<Finding> findings) {
    String old = state.oldRegion();
    String writer = state.writer;
    if (toRedrive.isEmpty()) {
      checks.skip(CheckRunner.REDRIVE, "the estate allows no redrive from " + old);
      return;
    }
    checks.start(
        CheckRunner.REDRIVE, "%d dead-letter queue(s) to %s".formatted(toRedrive.size(), writer));
    boolean failed = false;
    for (QueueRef queue : toRedrive) {
      String resource = queue.deadLetterQueue() + " in " + old;
      String expected = "its dead letters moved to %s in %s".formatted(queue.queue(), writer);
      try {
        RedriveResult moved =
            bulk.redriveDeadLetters(
                new RedriveRequest(
                    queue.deadLetterQueue(), old, queue.queue(), writer, MAX_REDRIVE));
        state.redrives.add(moved);
        findings.add(ReconcileFindings.redriven(resource, moved, queue.queue(), writer, expected));
      } catch (ActivityFailure failure) {
        failed = true;
        findings.add(
            ReconcileFindings.notRedriven(resource, CheckRunner.reason(failure), expected));
      }
    }
    long moved = state.redrives.stream().mapToLong(RedriveResult::moved).sum();
    checks.finish(
        CheckRunner.REDRIVE, failed ? CheckState.FAILED : CheckState.DONE, moved + " moved");
  }
}
