package dev.regionfailover.workflows.evacuation;

import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverChild;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failure.RootCause;
import dev.regionfailover.workflows.render.Times;
import dev.regionfailover.workflows.visibility.SearchAttributeUpserts;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * An evacuation as its outline: check the request, read the candidates, plan, then run the plan —
 * start each app's failover when its dependencies have completed and a slot is free, read the
 * running failovers' phases every {@link #POLL_EVERY} (one activity for all of them, so history
 * stays small at a hundred apps), forward ONCE approvals to those waiting for one, and hold the
 * dependents of an app that did not complete. It ends with a report when every app is final.
 */
public class RegionEvacuationWorkflowImpl implements RegionEvacuationWorkflow {

  /** How often the phases of the running failovers are read. */
  static final Duration POLL_EVERY = Duration.ofSeconds(10);

  private static final Logger log = Workflow.getLogger(RegionEvacuationWorkflowImpl.class);

  private final EvacuationActivities evacuation =
      Workflow.newActivityStub(
          EvacuationActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(5))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
              .build());

  private final FailoverWatchActivities phases =
      Workflow.newActivityStub(
          FailoverWatchActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(2).build())
              .build());

  // A watch lasts as long as the failover it watches, which may wait hours for an approval; the
  // heartbeat timeout finds a lost worker quickly instead.
  private final FailoverWatchActivities watcher =
      Workflow.newActivityStub(
          FailoverWatchActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofDays(7))
              .setHeartbeatTimeout(Duration.ofMinutes(1))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
              .build());

  private final Map<String, AppRun> runs = new LinkedHashMap<>();
  private final List<ApprovalSignal> accepted = new ArrayList<>();
  private final List<String> signals = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private EvacuationRequest request;
  private String evacuationId;
  private FailoverMode mode;
  private ApprovalMode approval = ApprovalMode.PER_APP;
  private int maxConcurrent = EvacuationRequest.DEFAULT_CONCURRENCY;
  private EvacuationState state = EvacuationState.PLANNING;
  private HoldSignal hold;
  private AbortSignal abortRequest;
  private boolean changed;
  private long startedAtMillis;
  private long lastPollMillis;
  private String outcome;

  @Override
  public EvacuationReport run(EvacuationRequest input) {
    startedAtMillis = Workflow.currentTimeMillis();
    evacuationId = Workflow.getInfo().getWorkflowId();
    request = input;
    List<String> problems = RequestCheck.problems(input);
    if (!problems.isEmpty()) {
      throw fail(new InvalidEvacuation(problems));
    }
    mode = FailoverMode.parse(input.mode());
    approval =
        input.approval() == null ? ApprovalMode.PER_APP : ApprovalMode.parse(input.approval());
    maxConcurrent =
        input.maxConcurrent() == null
            ? EvacuationRequest.DEFAULT_CONCURRENCY
            : input.maxConcurrent();
    SearchAttributeUpserts.upsert(
        Map.of(
            SearchAttributes.FAILOVER_EVACUATION,
            evacuationId,
            SearchAttributes.FAILOVER_MODE,
            mode.name()));
    publish();
    Candidates candidates = evacuation.candidates(new CandidatesRequest(input.region()));
    EvacuationPlan plan;
    try {
      plan =
          EvacuationPlanner.plan(input.region(), candidates.apps(), input.apps(), input.targets());
    } catch (InvalidEvacuation e) {
      throw fail(e);
    }
    candidates.invalidFiles().forEach(f -> notes.add("estate file not read: " + f));
    notes.addAll(plan.notes());
    plan.apps().forEach(app -> runs.put(app.app(), new AppRun(app)));
    // A hold that came while the evacuation planned still counts.
    state = hold == null ? EvacuationState.RUNNING : EvacuationState.HELD;
    log.info("evacuation {} of {}: {} app(s) to move", evacuationId, input.region(), runs.size());
    execute();
    return complete();
  }

  /** Starts, watches and ends failovers until every app is final. */
  private void execute() {
    while (!allFinal()) {
      if (abortRequest != null) {
        abortRunning();
      }
      startReady();
      publish();
      if (allFinal()) {
        return;
      }
      changed = false;
      if (anyActive()) {
        long sincePoll = Workflow.currentTimeMillis() - lastPollMillis;
        long wait = Math.max(0, POLL_EVERY.toMillis() - sincePoll);
        if (!Workflow.await(Duration.ofMillis(wait), () -> changed)) {
          poll();
        }
      } else {
        Workflow.await(() -> changed);
      }
    }
  }

  private void startReady() {
    for (AppRun run : runs.values()) {
      if (run.state == AppState.WAITING && dependenciesCompleted(run)) {
        run.state = AppState.READY;
      }
    }
    if (hold != null || abortRequest != null) {
      return;
    }
    List<AppRun> ready =
        runs.values().stream()
            .filter(r -> r.state == AppState.READY)
            .sorted(
                Comparator.comparingInt((AppRun r) -> r.planned.tier()).thenComparing(AppRun::app))
            .toList();
    for (AppRun run : ready) {
      if (activeCount() >= maxConcurrent) {
        return;
      }
      start(run);
    }
  }

  private void start(AppRun run) {
    PlannedApp app = run.planned;
    RegionFailoverWorkflow child =
        Workflow.newChildWorkflowStub(
            RegionFailoverWorkflow.class,
            FailoverChild.options(app.app())
                .setTypedSearchAttributes(
                    io.temporal.common.SearchAttributes.newBuilder()
                        .set(SearchAttributes.FAILOVER_EVACUATION, evacuationId)
                        .set(SearchAttributes.FAILOVER_APP, app.app())
                        .set(SearchAttributes.FAILOVER_MODE, mode.name())
                        .set(SearchAttributes.FAILOVER_TARGET_REGION, app.target())
                        .build())
                .build());
    String reason =
        "evacuation "
            + evacuationId
            + " of "
            + request.region()
            + (request.reason() == null || request.reason().isBlank()
                ? ""
                : ": " + request.reason());
    run.state = AppState.STARTING;
    run.startedAtMillis = Workflow.currentTimeMillis();
    run.detail = "starting " + run.workflowId();
    log.info("evacuation {}: starting {} to {}", evacuationId, run.workflowId(), app.target());
    Promise<FailoverResult> result =
        Async.function(
            child::run,
            new FailoverRequest(app.app(), app.target(), mode, reason, request.requestedBy()));
    Workflow.getWorkflowExecution(child)
        .handle(
            (execution, failure) -> {
              if (failure == null && run.state == AppState.STARTING) {
                run.state = AppState.RUNNING;
                run.detail = "";
                changed = true;
              }
              return null;
            });
    result.handle(
        (value, failure) -> {
          ended(run, value, failure);
          return null;
        });
  }

  private void ended(AppRun run, FailoverResult result, RuntimeException failure) {
    if (failure instanceof ChildWorkflowFailure child
        && child.getCause() instanceof WorkflowExecutionAlreadyStarted) {
      adopt(run);
      return;
    }
    if (failure != null) {
      finish(run, AppState.FAILED, null, RootCause.message(failure));
    } else {
      finish(run, stateOf(result.outcome()), result, result.summary());
    }
  }

  /**
   * Watches a failover of the app that was running before the evacuation reached it, instead of
   * starting a second one: Temporal refused the start under the same id.
   */
  private void adopt(AppRun run) {
    run.adopted = true;
    run.state = AppState.ADOPTED;
    run.detail = run.workflowId() + " was already running; watching it to its end";
    notes.add(run.app() + ": " + run.detail);
    log.info("evacuation {}: adopted the running {}", evacuationId, run.workflowId());
    changed = true;
    Async.function(watcher::watch, new WatchRequest(run.workflowId()))
        .handle(
            (watched, failure) -> {
              if (failure != null) {
                finish(run, AppState.FAILED, null, "watch failed: " + RootCause.message(failure));
              } else {
                finish(run, stateOf(watched.outcome()), watched.result(), watched.message());
              }
              return null;
            });
  }

  private void finish(AppRun run, AppState end, FailoverResult result, String detail) {
    run.state = end;
    run.endedAtMillis = Workflow.currentTimeMillis();
    run.waitingFor = null;
    run.detail = detail == null ? "" : detail;
    if (result != null) {
      run.phase = result.outcome();
      run.rpoSeconds = result.rpo() == null ? null : result.rpo().seconds();
      if (result.totalMillis() > 0 && run.adopted) {
        run.startedAtMillis = run.endedAtMillis - result.totalMillis();
      }
    }
    log.info("evacuation {}: {} ended {}: {}", evacuationId, run.workflowId(), end, run.detail);
    if (end != AppState.COMPLETED) {
      holdDependents();
    }
    changed = true;
  }

  /** Holds, transitively, every app waiting for one that will never complete. */
  private void holdDependents() {
    boolean more = true;
    while (more) {
      more = false;
      for (AppRun run : runs.values()) {
        if (run.state != AppState.WAITING && run.state != AppState.READY) {
          continue;
        }
        for (String dependency : run.planned.dependsOn()) {
          AppRun other = runs.get(dependency);
          if (other.state.isFinal() && other.state != AppState.COMPLETED) {
            run.state = AppState.HELD;
            run.detail = "dependency " + dependency + " ended " + other.state;
            more = true;
            break;
          }
        }
      }
    }
  }

  /**
   * Reads the phases of the running failovers, and forwards the evacuation's approvals to those the
   * evacuation started that wait for one.
   */
  private void poll() {
    lastPollMillis = Workflow.currentTimeMillis();
    List<AppRun> active = runs.values().stream().filter(r -> r.state.isActive()).toList();
    if (active.isEmpty()) {
      return;
    }
    ChildPhases read;
    try {
      read = phases.phases(new PhasesRequest(active.stream().map(AppRun::workflowId).toList()));
    } catch (ActivityFailure e) {
      notes.add("phases not read at " + now() + ": " + RootCause.message(e));
      return;
    }
    for (ChildPhase child : read.children()) {
      AppRun run =
          active.stream()
              .filter(r -> r.workflowId().equals(child.workflowId()))
              .findFirst()
              .orElse(null);
      if (run == null || !run.state.isActive() || child.phase() == null) {
        continue;
      }
      run.phase = child.phase();
      run.waitingFor = child.waitingFor();
    }
    forwardApprovals();
  }

  private void forwardApprovals() {
    if (approval != ApprovalMode.ONCE || accepted.isEmpty() || abortRequest != null) {
      return;
    }
    for (AppRun run : runs.values()) {
      if (run.state != AppState.RUNNING || run.phase != Phase.AWAIT_APPROVAL) {
        continue;
      }
      for (ApprovalSignal approved : accepted) {
        if (run.forwardedApprovals.add(approved.approver())) {
          signal(run, stub -> stub.approvePromotion(approved));
        }
      }
    }
  }

  /** Sends {@code abort} to every running failover that has not reached PROMOTE. */
  private void abortRunning() {
    state = EvacuationState.ABORTING;
    for (AppRun run : runs.values()) {
      if (run.state == AppState.WAITING || run.state == AppState.READY) {
        run.state = AppState.NOT_STARTED;
        run.detail = "the evacuation was aborted by " + abortRequest.by();
      }
    }
    List<AppRun> unsent =
        runs.values().stream()
            .filter(r -> (r.state == AppState.RUNNING || r.state == AppState.ADOPTED))
            .filter(r -> !r.abortSent)
            .toList();
    if (unsent.isEmpty()) {
      return;
    }
    poll();
    AbortSignal signal =
        new AbortSignal(
            abortRequest.by(), "evacuation " + evacuationId + " aborted: " + abortRequest.reason());
    for (AppRun run : unsent) {
      run.abortSent = true;
      if (run.phase != null && run.phase.ordinal() >= Phase.PROMOTE.ordinal()) {
        run.detail = "reached " + run.phase + " before the abort; it finishes";
        continue;
      }
      signal(run, stub -> stub.abort(signal));
    }
  }

  /** Signals the app's failover; one that has ended in the meantime is no longer there to tell. */
  private void signal(AppRun run, Consumer<RegionFailoverWorkflow> send) {
    RegionFailoverWorkflow stub =
        Workflow.newExternalWorkflowStub(RegionFailoverWorkflow.class, run.workflowId());
    Async.procedure(() -> send.accept(stub))
        .handle(
            (value, failure) -> {
              if (failure != null) {
                notes.add(
                    "signal to "
                        + run.workflowId()
                        + " not delivered: "
                        + RootCause.message(failure));
              }
              return null;
            });
  }

  @Override
  public void hold(HoldSignal signal) {
    String by = signal == null ? null : signal.by();
    String refusal = refusal(signal == null ? null : signal.payloadProblem(), by);
    if (refusal == null && hold != null) {
      refusal = "already held by " + hold.by();
    }
    if (refusal == null && abortRequest != null) {
      refusal = "the evacuation is being aborted";
    }
    if (refusal == null) {
      hold = new HoldSignal(by, signal.reason() == null ? "" : signal.reason());
      state = EvacuationState.HELD;
    }
    record("hold", by, signal == null ? null : signal.reason(), refusal);
  }

  @Override
  public void resume(ResumeSignal signal) {
    String by = signal == null ? null : signal.by();
    String refusal = refusal(signal == null ? null : signal.payloadProblem(), by);
    if (refusal == null && hold == null) {
      refusal = "not held";
    }
    if (refusal == null) {
      hold = null;
      state = EvacuationState.RUNNING;
    }
    record("resume", by, null, refusal);
  }

  @Override
  public void abort(AbortSignal signal) {
    String by = signal == null ? null : signal.by();
    String refusal = refusal(signal == null ? null : signal.payloadProblem(), by);
    if (refusal == null && abortRequest != null) {
      refusal = "already aborting at the request of " + abortRequest.by();
    }
    if (refusal == null) {
      abortRequest = new AbortSignal(by, signal.reason() == null ? "" : signal.reason());
    }
    record("abort", by, signal == null ? null : signal.reason(), refusal);
  }

  @Override
  public void approvePromotion(ApprovalSignal signal) {
    String by = signal == null ? null : signal.approver();
    String refusal = refusal(signal == null ? null : signal.payloadProblem(), by);
    if (refusal == null) {
      refusal = approvalRefusal(by);
    }
    if (refusal == null) {
      accepted.add(
          new ApprovalSignal(
              by,
              "evacuation "
                  + evacuationId
                  + (signal.comment() == null || signal.comment().isBlank()
                      ? ""
                      : ": " + signal.comment())));
      forwardApprovals();
    }
    record("approvePromotion", by, signal == null ? null : signal.comment(), refusal);
  }

  private String approvalRefusal(String approver) {
    if (approval != ApprovalMode.ONCE) {
      return "this evacuation's approval is PER_APP: approve each failover-<app> instead";
    }
    if (mode == FailoverMode.DRILL) {
      return "DRILL failovers approve themselves";
    }
    if (approver.equals(request.requestedBy())) {
      return approver + " requested this evacuation and cannot approve it";
    }
    if (approvers().contains(approver)) {
      return approver + " has already approved; a second approval must come from someone else";
    }
    if (accepted.size() >= approvalsNeeded()) {
      return "already approved by " + approvers();
    }
    return null;
  }

  private String refusal(String payloadProblem, String by) {
    if (payloadProblem != null) {
      return payloadProblem;
    }
    if (state.ordinal() >= EvacuationState.COMPLETED.ordinal()) {
      return "the evacuation already ended " + state;
    }
    if (by == null || by.isBlank()) {
      return "the payload names no one (\"by\", or \"approver\" for approvePromotion)";
    }
    return null;
  }

  private void record(String kind, String by, String text, String refusal) {
    signals.add(
        now()
            + " "
            + kind
            + " by "
            + by
            + (text == null || text.isBlank() ? "" : " (" + text + ")")
            + (refusal == null ? "" : ": refused, " + refusal));
    changed = true;
  }

  @Override
  public EvacuationStatus status() {
    long now = Workflow.currentTimeMillis();
    Map<String, Integer> counts = new TreeMap<>();
    List<AppLine> lines = new ArrayList<>();
    List<String> held = new ArrayList<>();
    for (AppRun run : runs.values()) {
      counts.merge(run.countedAs(), 1, Integer::sum);
      lines.add(run.line(now));
      if (run.state == AppState.HELD || run.state == AppState.NOT_STARTED) {
        held.add(run.app() + ": " + run.detail);
      } else if (hold != null && run.state == AppState.READY) {
        held.add(
            run.app() + ": the evacuation is held by " + hold.by() + " (" + hold.reason() + ")");
      }
    }
    return new EvacuationStatus(
        evacuationId,
        request == null ? null : request.region(),
        mode == null ? null : mode.name(),
        approval.name(),
        request == null ? null : request.requestedBy(),
        request == null ? null : request.reason(),
        state,
        maxConcurrent,
        counts,
        lines,
        slowest(now),
        estimatedRemaining(),
        held,
        approvers(),
        approvalsNeeded(),
        List.copyOf(signals),
        List.copyOf(notes),
        outcome);
  }

  private List<String> approvers() {
    return accepted.stream().map(ApprovalSignal::approver).toList();
  }

  private int approvalsNeeded() {
    if (approval != ApprovalMode.ONCE || mode == null || mode == FailoverMode.DRILL) {
      return 0;
    }
    return mode == FailoverMode.UNPLANNED ? 2 : 1;
  }

  /** The running app that has run longest, or else the finished one that took longest. */
  private String slowest(long now) {
    AppRun slowest = null;
    boolean running = runs.values().stream().anyMatch(r -> r.state.isActive());
    for (AppRun run : runs.values()) {
      if (run.elapsed(now) == null || (running && !run.state.isActive())) {
        continue;
      }
      if (slowest == null || run.elapsed(now) > slowest.elapsed(now)) {
        slowest = run;
      }
    }
    if (slowest == null) {
      return null;
    }
    return slowest.app()
        + " ("
        + (slowest.state.isActive() ? "running for " : "took ")
        + Times.duration(slowest.elapsed(now))
        + (slowest.phase == null ? "" : ", " + slowest.phase)
        + ")";
  }

  /**
   * The mean duration of the completed failovers times the rounds of {@code maxConcurrent} that the
   * unfinished apps still need; null until one has completed.
   */
  private Long estimatedRemaining() {
    List<AppRun> done =
        runs.values().stream()
            .filter(r -> r.state == AppState.COMPLETED && r.elapsed(0) != null)
            .toList();
    long left =
        runs.values().stream().filter(r -> !r.state.isFinal() && r.state != AppState.HELD).count();
    if (done.isEmpty()) {
      return left == 0 ? 0L : null;
    }
    long mean = done.stream().mapToLong(r -> r.elapsed(0)).sum() / done.size();
    long rounds = (left + maxConcurrent - 1) / maxConcurrent;
    return mean * rounds;
  }

  private EvacuationReport complete() {
    long completed = runs.values().stream().filter(r -> r.state == AppState.COMPLETED).count();
    if (abortRequest != null) {
      state = EvacuationState.ABORTED;
    } else if (completed == runs.size()) {
      state = EvacuationState.COMPLETED;
    } else {
      state = EvacuationState.PARTIAL;
    }
    Map<AppState, Integer> ends = new TreeMap<>();
    runs.values().forEach(r -> ends.merge(r.state, 1, Integer::sum));
    long total = Workflow.currentTimeMillis() - startedAtMillis;
    outcome =
        "evacuation of "
            + request.region()
            + " ended "
            + state
            + " after "
            + Times.duration(total)
            + ": "
            + ends.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .reduce((a, b) -> a + ", " + b)
                .orElse("no apps");
    publish();
    log.info("{}", outcome);
    long now = Workflow.currentTimeMillis();
    List<AppLine> lines = runs.values().stream().map(r -> r.line(now)).toList();
    return new EvacuationReport(
        evacuationId,
        request.region(),
        mode.name(),
        state,
        outcome,
        Instant.ofEpochMilli(startedAtMillis).toString(),
        Instant.ofEpochMilli(now).toString(),
        total,
        lines,
        notes,
        "**" + outcome + "**\n\n" + EvacuationText.table(lines));
  }

  private ApplicationFailure fail(InvalidEvacuation e) {
    state = EvacuationState.FAILED;
    outcome = e.getMessage();
    publish();
    return ApplicationFailure.newNonRetryableFailure(
        e.getMessage(), InvalidEvacuation.TYPE, e.problems());
  }

  private static AppState stateOf(Phase outcome) {
    if (outcome == Phase.COMPLETED) {
      return AppState.COMPLETED;
    }
    return outcome == Phase.ABORTED ? AppState.ABORTED : AppState.FAILED;
  }

  private boolean dependenciesCompleted(AppRun run) {
    return run.planned.dependsOn().stream().allMatch(d -> runs.get(d).state == AppState.COMPLETED);
  }

  private boolean allFinal() {
    return runs.values().stream().allMatch(r -> r.state.isFinal());
  }

  private boolean anyActive() {
    return runs.values().stream().anyMatch(r -> r.state.isActive());
  }

  private long activeCount() {
    return runs.values().stream().filter(r -> r.state.isActive()).count();
  }

  private static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }

  private void publish() {
    Workflow.setCurrentDetails(EvacuationText.render(status()));
  }
}
