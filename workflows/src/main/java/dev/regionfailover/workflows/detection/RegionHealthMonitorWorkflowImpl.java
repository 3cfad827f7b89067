package dev.regionfailover.workflows.detection;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.TopologyRequest;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import dev.regionfailover.workflows.aws.AwsActivityOptions;
import dev.regionfailover.workflows.estate.Detection;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.LoadEstateRequest;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failure.RootCause;
import dev.regionfailover.workflows.visibility.SearchAttributeUpserts;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * The health monitor of one app. Each round samples every region with one activity per region, in
 * parallel, updates the verdicts ({@link HealthVerdicts}), and, unless paused, starts an UNPLANNED
 * failover when the writer region is impaired. Between rounds it sleeps on a timer, holding no
 * worker thread. Every {@link #SAMPLES_PER_RUN} rounds it continues as new, carrying its state, so
 * its history stays small however long it runs.
 *
 * <p>The failover is a child workflow with id {@code failover-<app>} whose parent-close policy is
 * ABANDON: it outlives the monitor's run, a second start is refused by Temporal itself (and
 * recorded as "already running"), and the start is awaited before the monitor continues as new, so
 * no decision is lost between runs. A worker crash between deciding and starting replays the same
 * decision from history, so the start happens exactly once.
 */
public class RegionHealthMonitorWorkflowImpl implements RegionHealthMonitorWorkflow {

  private static final Logger log = Workflow.getLogger(RegionHealthMonitorWorkflowImpl.class);

  /** Rounds per run before continuing as new: a round adds about eighteen history events. */
  static final int SAMPLES_PER_RUN = 40;

  /** How many rounds a writer read from the ledger is trusted before it is read again. */
  static final int WRITER_REREAD_ROUNDS = 10;

  static final int MAX_EVENTS = 20;

  private static final ActivityOptions SAMPLING =
      AwsActivityOptions.fewAttempts(Duration.ofMinutes(2), 3);

  private static final ActivityOptions SHORT =
      AwsActivityOptions.fewAttempts(Duration.ofMinutes(1), 5);

  /** Reads that may go to an impaired region: a small budget, then the next region is asked. */
  private static final ActivityOptions PROBE =
      AwsActivityOptions.fewAttempts(Duration.ofSeconds(45), 2);

  private final EstateActivities estates = Workflow.newActivityStub(EstateActivities.class, SHORT);
  private final DetectionActivities sampler =
      Workflow.newActivityStub(DetectionActivities.class, SAMPLING);
  private final AuthorityActivities ledger =
      Workflow.newActivityStub(AuthorityActivities.class, PROBE);
  private final AuroraActivities aurora = Workflow.newActivityStub(AuroraActivities.class, PROBE);

  private String app;
  private Estate estate;
  private Detection detection;
  private final List<RegionHealth> regions = new ArrayList<>();
  private final List<MonitorEvent> events = new ArrayList<>();
  private boolean paused;
  private String pausedBy;
  private String pauseReason;
  private FailoverLaunch failover;
  private String handledRegion;
  private long samples;
  private String writer;
  private long writerReadAt = -1;

  @Override
  public void run(MonitorRequest request) {
    app = request == null ? null : request.app();
    if (app == null || app.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the input names no app; start the monitor with {\"app\":\"<app>\"}", "InvalidRequest");
    }
    // Every run indexes its app: a continued run starts a history of its own.
    SearchAttributeUpserts.app(app);
    MonitorState carried = request.carried();
    if (carried != null) {
      restore(carried);
    }
    estate = estates.load(new LoadEstateRequest(app));
    detection = estate.detection();
    if (detection == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the estate of "
              + app
              + " has no detection section, so there is nothing to monitor; add detection:"
              + " {alarms, healthChecks, replicatedTables, interval, consecutiveSamples}",
          "NotMonitored");
    }
    alignRegions();
    int rounds = 0;
    while (true) {
      sampleRegions();
      if (!paused) {
        considerFailover();
      }
      publish();
      rounds++;
      Workflow.sleep(detection.interval());
      if (rounds >= SAMPLES_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested()) {
        log.info("Monitor of {} continues as new after {} samples", app, samples);
        Workflow.continueAsNew(new MonitorRequest(app, state()));
      }
    }
  }

  @Override
  public void pause(OperatorSignal signal) {
    if (signal != null && signal.payloadProblem() != null) {
      note("pause refused: " + signal.payloadProblem());
      return;
    }
    String by = signal == null ? null : signal.by();
    if (by == null || by.isBlank()) {
      note("pause ignored: the payload has no \"by\"");
      return;
    }
    paused = true;
    pausedBy = by;
    pauseReason = signal.reason();
    note(
        "paused by " + by + reasonText(signal.reason()) + "; sampling goes on, no failover starts");
    publish();
  }

  @Override
  public void resume(OperatorSignal signal) {
    if (signal != null && signal.payloadProblem() != null) {
      note("resume refused: " + signal.payloadProblem());
      return;
    }
    String by = signal == null ? null : signal.by();
    if (by == null || by.isBlank()) {
      note("resume ignored: the payload has no \"by\"");
      return;
    }
    if (!paused) {
      note("resume by " + by + " ignored: the monitor is not paused");
      return;
    }
    paused = false;
    pausedBy = null;
    pauseReason = null;
    note("resumed by " + by + reasonText(signal.reason()));
    publish();
  }

  @Override
  public MonitorStatus status() {
    return new MonitorStatus(
        app,
        detection == null ? null : detection.interval().toString(),
        detection == null ? 0 : detection.consecutiveSamples(),
        detection != null && detection.autoApprove(),
        paused,
        pausedBy,
        pauseReason,
        writer,
        List.copyOf(regions),
        failover,
        samples,
        List.copyOf(events));
  }

  private void restore(MonitorState state) {
    regions.addAll(state.regions());
    events.addAll(state.events());
    paused = state.paused();
    pausedBy = state.pausedBy();
    pauseReason = state.pauseReason();
    failover = state.failover();
    handledRegion = state.handledRegion();
    samples = state.samples();
  }

  private MonitorState state() {
    return new MonitorState(
        regions, paused, pausedBy, pauseReason, failover, handledRegion, samples, events);
  }

  /** Keeps the carried health of regions still in the estate, in the estate's order. */
  private void alignRegions() {
    Map<String, RegionHealth> known =
        regions.stream().collect(Collectors.toMap(RegionHealth::region, Function.identity()));
    regions.clear();
    for (String region : estate.regions()) {
      regions.add(known.getOrDefault(region, RegionHealth.initial(region)));
    }
  }

  private void sampleRegions() {
    List<Promise<RegionSample>> pending = new ArrayList<>();
    for (String region : estate.regions()) {
      pending.add(Async.function(sampler::sample, sampleRequest(region)));
    }
    String at = now();
    samples++;
    for (int i = 0; i < pending.size(); i++) {
      RegionHealth previous = regions.get(i);
      RegionHealth next;
      try {
        next =
            HealthVerdicts.next(previous, pending.get(i).get(), detection.consecutiveSamples(), at);
      } catch (ActivityFailure failure) {
        String error = RootCause.message(failure);
        next = HealthVerdicts.sampleFailed(previous, error);
        if (previous.lastError() == null) {
          note("sampling " + previous.region() + " failed, counts unchanged: " + error);
        }
      }
      regions.set(i, next);
      if (next.verdict() != previous.verdict()) {
        note(
            next.region()
                + " is "
                + next.verdict()
                + (next.verdict() == RegionVerdict.IMPAIRED
                    ? ": " + HealthVerdicts.evidence(next)
                    : " again after " + next.healthyStreak() + " samples"));
      }
      if (next.verdict() == RegionVerdict.HEALTHY && next.region().equals(handledRegion)) {
        handledRegion = null;
        note(next.region() + " recovered; a new impairment of it may start a failover again");
      }
    }
  }

  private SampleRequest sampleRequest(String region) {
    return new SampleRequest(
        app,
        region,
        estate.regions(),
        detection.alarms().getOrDefault(region, List.of()),
        detection.healthChecks().get(region),
        estate.aurora().globalCluster(),
        estate.aurora().clusters(),
        estate.aurora().maxLagSeconds(),
        detection.replicatedTables());
  }

  /** Starts a failover away from an impaired writer, once per impairment. */
  private void considerFailover() {
    boolean unhandled =
        regions.stream()
            .anyMatch(
                r -> r.verdict() == RegionVerdict.IMPAIRED && !r.region().equals(handledRegion));
    if (!unhandled) {
      return;
    }
    String current = writer();
    if (current == null || current.equals(handledRegion)) {
      return;
    }
    RegionHealth writerHealth = health(current);
    if (writerHealth == null || writerHealth.verdict() != RegionVerdict.IMPAIRED) {
      return;
    }
    RegionHealth target =
        regions.stream()
            .filter(r -> !r.region().equals(current) && r.verdict() == RegionVerdict.HEALTHY)
            .min(
                Comparator.comparingLong(RegionHealthMonitorWorkflowImpl::impairedNow)
                    .thenComparingInt(RegionHealthMonitorWorkflowImpl::streakSum))
            .orElse(null);
    if (target == null) {
      note("writer " + current + " is impaired, but no other region is healthy to take over");
      return;
    }
    launch(writerHealth, target.region());
  }

  private void launch(RegionHealth source, String target) {
    String workflowId = FailoverRequest.workflowId(app);
    String evidence =
        source.region()
            + " (writer) impaired since "
            + source.verdictSince()
            + ": "
            + HealthVerdicts.evidence(source)
            + "; "
            + target
            + " healthy";
    String reason = "RegionHealthMonitor " + MonitorRequest.workflowId(app) + ": " + evidence;
    RegionFailoverWorkflow child =
        Workflow.newChildWorkflowStub(
            RegionFailoverWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    Async.function(
        child::run,
        new FailoverRequest(
            app, target, FailoverMode.UNPLANNED, reason, MonitorRequest.workflowId(app)));
    try {
      WorkflowExecution execution = Workflow.getWorkflowExecution(child).get();
      failover =
          new FailoverLaunch(
              workflowId, execution.getRunId(), source.region(), target, now(), true, evidence);
      note(
          "started UNPLANNED failover "
              + workflowId
              + " from "
              + source.region()
              + " to "
              + target
              + approvalNote());
    } catch (ChildWorkflowFailure failure) {
      if (!(failure.getCause() instanceof WorkflowExecutionAlreadyStarted running)) {
        note("starting failover " + workflowId + " failed: " + RootCause.message(failure));
        return;
      }
      failover =
          new FailoverLaunch(
              workflowId, runId(running), source.region(), null, now(), false, evidence);
      note(
          "writer "
              + source.region()
              + " is impaired, but failover "
              + workflowId
              + " is already running; not starting another");
    }
    handledRegion = source.region();
    writerReadAt = -1;
  }

  /** The run that was already running; Temporal does not always say which (then null). */
  private static String runId(WorkflowExecutionAlreadyStarted running) {
    String runId = running.getExecution() == null ? "" : running.getExecution().getRunId();
    return runId.isEmpty() ? null : runId;
  }

  /** Who approves the promotion of a failover the monitor starts; see RegionFailover. */
  private String approvalNote() {
    if (detection.autoApprove() && estate.rehearsal()) {
      return "; it approves itself, because this rehearsal estate sets detection.autoApprove";
    }
    return "; it waits for people to approve the promotion";
  }

  /**
   * The writer region: the authority ledger's, read from the healthiest region that answers, or
   * Aurora's writer member when the ledger has no item yet. Null while authority is fenced (a
   * failover is under way) or when nothing could be read.
   */
  private String writer() {
    if (writerReadAt >= 0 && samples - writerReadAt < WRITER_REREAD_ROUNDS) {
      return writer;
    }
    List<String> order =
        regions.stream()
            .sorted(Comparator.comparing((RegionHealth r) -> r.verdict() == RegionVerdict.IMPAIRED))
            .map(RegionHealth::region)
            .toList();
    AuthorityRecord record = null;
    for (String region : order) {
      try {
        record =
            ledger.read(new ReadAuthorityRequest(app, estate.authority().table(), List.of(region)));
        break;
      } catch (ActivityFailure failure) {
        log.warn("Ledger of {} unreadable in {}: {}", app, region, RootCause.message(failure));
      }
    }
    String found = null;
    if (record != null && record.state() == AuthorityState.FENCED) {
      note("authority of " + app + " is FENCED: a failover is under way; not starting one");
    } else if (record != null && record.state() == AuthorityState.ACTIVE) {
      found = record.writerRegion();
    } else {
      found = auroraWriter(order);
    }
    writer = found;
    writerReadAt = found == null ? -1 : samples;
    return found;
  }

  private String auroraWriter(List<String> order) {
    try {
      AuroraTopology topology =
          aurora.describe(new TopologyRequest(estate.aurora().globalCluster(), order));
      ClusterMember member = topology.writer();
      if (member == null) {
        note("Aurora global cluster " + topology.globalCluster() + " has no writer member now");
        return null;
      }
      return member.region();
    } catch (ActivityFailure failure) {
      note("the writer of " + app + " could not be read: " + RootCause.message(failure));
      return null;
    }
  }

  private RegionHealth health(String region) {
    return regions.stream().filter(r -> r.region().equals(region)).findFirst().orElse(null);
  }

  private static long impairedNow(RegionHealth health) {
    return health.lastSample() == null ? 0 : health.lastSample().impairedCount();
  }

  private static int streakSum(RegionHealth health) {
    return health.impairedStreaks().values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Records an event, unless it repeats the last one, keeping the newest {@link #MAX_EVENTS}. */
  private void note(String what) {
    if (!events.isEmpty() && events.get(events.size() - 1).what().equals(what)) {
      return;
    }
    events.add(new MonitorEvent(now(), what));
    while (events.size() > MAX_EVENTS) {
      events.remove(0);
    }
    log.info("Monitor of {}: {}", app, what);
  }

  private void publish() {
    StringBuilder text = new StringBuilder();
    text.append(paused ? "PAUSED by " + pausedBy : "watching").append('\n');
    for (RegionHealth health : regions) {
      text.append(health.region())
          .append(' ')
          .append(health.verdict())
          .append(": ")
          .append(HealthVerdicts.evidence(health))
          .append('\n');
    }
    if (failover != null) {
      text.append("failover ")
          .append(failover.workflowId())
          .append(failover.startedByMonitor() ? " started " : " found running ")
          .append(failover.at());
    }
    Workflow.setCurrentDetails(text.toString());
  }

  private static String reasonText(String reason) {
    return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
  }

  private static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
