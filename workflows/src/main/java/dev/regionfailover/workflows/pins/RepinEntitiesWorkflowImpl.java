package dev.regionfailover.workflows.pins;

import dev.regionfailover.workflows.aws.AwsActivityOptions;
import dev.regionfailover.workflows.visibility.SearchAttributeUpserts;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Counts the entities to move, then runs one loop per segment, each calling {@link
 * PinActivities#repinSegment} with its last checkpoint until the segment reaches the end of the
 * index. When every segment is done, a count must find nothing left; entities written behind the
 * cursors meanwhile start another round from the beginning of the index. Each activity call is
 * bounded in pages and time, so the history grows by a few events per call; past {@link
 * RepinPlan#maxHistoryEvents()} (or when the server suggests it) the run lets its calls in flight
 * finish and continues as new with the checkpoints.
 */
public final class RepinEntitiesWorkflowImpl implements RepinEntitiesWorkflow {

  /** Index pages one activity call moves at most, so that each call ends within seconds. */
  static final int PAGES_PER_CALL = 20;

  /** Time one activity call spends at most before it returns its checkpoint. */
  static final Duration TIME_PER_CALL = Duration.ofSeconds(20);

  /** Progress is signalled at most this often (and at most once per whole percent). */
  static final Duration SIGNAL_INTERVAL = Duration.ofSeconds(30);

  private static final Duration LONGEST_ROUND_PAUSE = Duration.ofSeconds(60);

  private static final int ATTEMPTS = 20;

  private static final ActivityOptions SEGMENT =
      AwsActivityOptions.persistent(TIME_PER_CALL.plus(Duration.ofMinutes(2)), ATTEMPTS);

  private static final ActivityOptions COUNT =
      AwsActivityOptions.persistent(Duration.ofMinutes(30), ATTEMPTS);

  private static final Logger log = Workflow.getLogger(RepinEntitiesWorkflowImpl.class);

  private final PinActivities segments = Workflow.newActivityStub(PinActivities.class, SEGMENT);
  private final PinActivities counter = Workflow.newActivityStub(PinActivities.class, COUNT);

  private RepinPlan plan;
  private String planId;
  private long total;
  private long startedAtMillis;
  private int runs;
  private SegmentCheckpoint[] checkpoints = new SegmentCheckpoint[0];
  private int signalledPercent;
  private long signalledAtMillis;
  private boolean signalling;
  private RepinProgress progress = new RepinProgress(0, 0, 0, 0, null, 0, 0, 0, 0);

  @Override
  public RepinSummary run(RepinPlan plan) {
    this.plan = plan;
    WorkflowInfo info = Workflow.getInfo();
    planId =
        plan.planId() != null
            ? plan.planId()
            : info.getWorkflowId() + "/" + info.getFirstExecutionRunId();
    signalling = plan.progressWorkflowId() != null;
    // Every run indexes its app: a continued run starts a history of its own.
    SearchAttributeUpserts.app(plan.app());
    int count = plan.pins().segments();
    RepinCarry carry = plan.carry();
    if (carry == null) {
      startedAtMillis = Workflow.currentTimeMillis();
      runs = 1;
      checkpoints = new SegmentCheckpoint[count];
      Arrays.setAll(checkpoints, SegmentCheckpoint::start);
      publish();
      total = count();
    } else {
      total = carry.total();
      startedAtMillis = carry.startedAtMillis();
      runs = carry.runs() + 1;
      checkpoints = carry.checkpoints().toArray(new SegmentCheckpoint[0]);
      signalledPercent = carry.signalledPercent();
      signalledAtMillis = carry.signalledAtMillis();
    }
    publish();
    int emptyRounds = 0;
    while (true) {
      long movedBefore = moved();
      List<Promise<Void>> loops = new ArrayList<>();
      for (int segment = 0; segment < checkpoints.length; segment++) {
        int index = segment;
        loops.add(Async.procedure(() -> segmentLoop(index)));
      }
      Promise.allOf(loops).get();
      if (Arrays.stream(checkpoints).anyMatch(c -> !c.done()) || historyTooLong()) {
        continueAsNew();
      }
      long left = count();
      if (left == 0) {
        break;
      }
      // Entities were written at home in the source behind the cursors while they passed.
      total = Math.max(total, moved() + left);
      log.info("{} entities appeared behind the cursors; starting another round", left);
      emptyRounds = moved() == movedBefore ? emptyRounds + 1 : 0;
      Workflow.sleep(roundPause(emptyRounds));
      for (int segment = 0; segment < checkpoints.length; segment++) {
        SegmentCheckpoint c = checkpoints[segment];
        checkpoints[segment] =
            new SegmentCheckpoint(
                c.segment(), Map.of(), c.nextBatch(), c.moved(), c.retried(), c.writes(), false);
      }
      publish();
    }
    total = Math.max(total, moved());
    publish();
    signal(true);
    return new RepinSummary(
        moved(),
        Arrays.stream(checkpoints).mapToLong(SegmentCheckpoint::retried).sum(),
        Arrays.stream(checkpoints).mapToLong(SegmentCheckpoint::writes).sum(),
        total,
        Workflow.currentTimeMillis() - startedAtMillis,
        runs);
  }

  @Override
  public RepinProgress progress() {
    return progress;
  }

  private void segmentLoop(int segment) {
    while (!checkpoints[segment].done() && !historyTooLong()) {
      checkpoints[segment] =
          segments.repinSegment(
              new SegmentRequest(
                  plan.app(),
                  planId,
                  plan.pins(),
                  plan.tableRegion(),
                  plan.fromRegion(),
                  plan.toRegion(),
                  plan.auditTable(),
                  checkpoints.length,
                  checkpoints[segment],
                  PAGES_PER_CALL,
                  TIME_PER_CALL.toMillis()));
      publish();
      signal(false);
    }
  }

  private long count() {
    return counter
        .countEntities(new CountRequest(plan.pins(), plan.tableRegion(), plan.fromRegion()))
        .entities();
  }

  private boolean historyTooLong() {
    WorkflowInfo info = Workflow.getInfo();
    return info.getHistoryLength() > plan.maxHistoryEvents() || info.isContinueAsNewSuggested();
  }

  private void continueAsNew() {
    log.info(
        "Re-pin run {} continues as new after {} history events with {} moved",
        runs,
        Workflow.getInfo().getHistoryLength(),
        moved());
    Workflow.continueAsNew(
        plan.continuedWith(
            planId,
            new RepinCarry(
                total,
                startedAtMillis,
                runs,
                List.of(checkpoints),
                signalledPercent,
                signalledAtMillis)));
  }

  private static Duration roundPause(int emptyRounds) {
    // A round that moved nothing means the index still lists entities that have moved (it is
    // eventually consistent); back off instead of reading it in a tight loop.
    long seconds = 1L << Math.min(emptyRounds, 6);
    return Duration.ofSeconds(Math.min(seconds, LONGEST_ROUND_PAUSE.toSeconds()));
  }

  private long moved() {
    return Arrays.stream(checkpoints).mapToLong(SegmentCheckpoint::moved).sum();
  }

  private void publish() {
    long now = Workflow.currentTimeMillis();
    long moved = moved();
    long remaining = Math.max(0, total - moved);
    double elapsedSeconds = (now - startedAtMillis) / 1000.0;
    double rate = elapsedSeconds > 0 ? moved / elapsedSeconds : 0;
    Long eta = rate > 0 ? Long.valueOf((long) Math.ceil(remaining / rate)) : null;
    int done = (int) Arrays.stream(checkpoints).filter(SegmentCheckpoint::done).count();
    progress =
        new RepinProgress(
            total,
            moved,
            remaining,
            rate,
            eta,
            Arrays.stream(checkpoints).mapToLong(SegmentCheckpoint::retried).sum(),
            done,
            checkpoints.length,
            now);
    Workflow.setCurrentDetails(
        String.format(
            "re-pin %s %s -> %s: %d of %d moved, %d remaining, %.0f/s, %s left, %d/%d segments"
                + " done",
            plan.pins().table(),
            plan.fromRegion(),
            plan.toRegion(),
            moved,
            total,
            remaining,
            rate,
            eta == null ? "unknown time" : eta + " s",
            done,
            checkpoints.length));
  }

  /**
   * Tells the workflow this re-pin works for how far it has come, at most once per whole percent
   * and {@link #SIGNAL_INTERVAL} apart, and once at the end, so that its history grows by about a
   * hundred signals at most whatever the number of entities.
   */
  private void signal(boolean last) {
    if (!signalling) {
      return;
    }
    long now = Workflow.currentTimeMillis();
    int percent = total == 0 ? 100 : (int) Math.min(100, progress.moved() * 100 / total);
    boolean due =
        percent > signalledPercent && now - signalledAtMillis >= SIGNAL_INTERVAL.toMillis();
    if (!last && !due) {
      return;
    }
    signalledPercent = percent;
    signalledAtMillis = now;
    try {
      Workflow.newUntypedExternalWorkflowStub(plan.progressWorkflowId())
          .signal(PROGRESS_SIGNAL, progress);
    } catch (SignalExternalWorkflowException | ApplicationFailure e) {
      // The workflow that asked for progress is gone (the SDK reports that as an application
      // failure of type SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_...); the re-pin goes on
      // without telling it.
      log.warn("Cannot signal progress to {}: {}", plan.progressWorkflowId(), e.getMessage());
      signalling = false;
    }
  }
}
