package dev.regionfailover.worker;

import com.google.protobuf.ByteString;
import dev.regionfailover.devstack.aws.CallHold;
import dev.regionfailover.devstack.aws.CallHolds.ServedCall;
import dev.regionfailover.devstack.temporal.ActivityTaskProxy.ActivityTask;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The activity executions of one crash-matrix run, in the order the server handed them to workers
 * (seen by the gRPC proxy), and the AWS calls made while each ran (seen by the stand-in). An
 * execution is known by its activity type and how many executions of that type came before it,
 * which is the same in every run of a deterministic workflow; its retries are not new executions.
 * Most steps run one activity at a time, so the calls made while an execution ran are its own; the
 * re-pin's segments run side by side, and each is marked as running in parallel, since the calls
 * made while it ran are its siblings' too. Actions armed for an execution run when the server hands
 * out its next attempt, before the worker gets it.
 */
final class ExecutionTrace {

  /** Operations that only read; every other one counts as mutating. */
  private static final Pattern READS =
      Pattern.compile("(Describe|Get|List|Query|Scan|BatchGet|Search|Check|Test).*");

  /** One activity execution: its first attempt and every retry. */
  record Execution(
      String workflowId,
      String type,
      int occurrence,
      Instant deliveredAt,
      List<ServedCall> calls,
      AtomicBoolean parallel) {

    /** The call a kill before or during an AWS call aims at: its first mutating one, or first. */
    ServedCall aimedCall() {
      return calls.stream().filter(ExecutionTrace::mutating).findFirst().orElse(calls.get(0));
    }

    /** How many calls like the aimed one the execution makes up to and including it. */
    int aimedOccurrence() {
      ServedCall aimed = aimedCall();
      return (int)
          calls.subList(0, calls.indexOf(aimed) + 1).stream().filter(aimed::equals).count();
    }
  }

  private final String ignoredWorkflowId;
  private final List<Execution> executions = new CopyOnWriteArrayList<>();
  private final Map<String, Execution> byAttemptKey = new HashMap<>();
  private final Map<ByteString, Execution> running = new HashMap<>();
  private final Map<String, Integer> occurrences = new HashMap<>();
  private final Map<String, Consumer<ActivityTask>> armed = new HashMap<>();
  private final Map<String, Long> mutatingCalls = new TreeMap<>();
  private boolean failoverDone;

  /**
   * @param ignoredWorkflowId a workflow whose activities are not the failover's (ReconcileRegion,
   *     which goes on after the failover ended): the calls from its first task on are not counted
   */
  ExecutionTrace(CrashStack stack, String ignoredWorkflowId) {
    this.ignoredWorkflowId = ignoredWorkflowId;
    stack.proxy().onActivityTask(this::handedOut);
    stack.proxy().onActivityCompletion(this::completed);
    stack.aws().standIn().holds().observe(this::served);
  }

  /**
   * The call as runs can compare it: ARC's data plane is reached through cluster endpoints in
   * several regions, tried in random order (DESIGN.md section 6), so its region is any.
   */
  static ServedCall comparable(ServedCall call) {
    return call.operation().endsWith("RoutingControlState")
        ? new ServedCall(CallHold.ANY_REGION, call.operation())
        : call;
  }

  static boolean mutating(ServedCall call) {
    return !READS.matcher(call.operation()).matches();
  }

  /**
   * Runs {@code action} when an attempt of that execution is next handed out: its first, or, when
   * the first was handed out already (a parallel execution killed with a sibling), its retry.
   */
  synchronized void arm(String type, int occurrence, Consumer<ActivityTask> action) {
    armed.put(type + "#" + occurrence, action);
  }

  /** Forgets an armed action whose execution was not handed out. */
  synchronized void disarm(String type, int occurrence) {
    armed.remove(type + "#" + occurrence);
  }

  /**
   * Whether no attempt of that execution runs now, though it was handed out (it completed, or its
   * attempt failed), or the failover's activities all ended: a kill armed for it may wait in vain.
   */
  synchronized boolean ended(String type, int occurrence) {
    return failoverDone
        || executions.stream()
            .anyMatch(
                e ->
                    e.type().equals(type)
                        && e.occurrence() == occurrence
                        && !running.containsValue(e));
  }

  List<Execution> executions() {
    return List.copyOf(executions);
  }

  /** The mutating calls made while the failover's activities ran, by region and operation. */
  synchronized Map<String, Long> mutatingCalls() {
    return new TreeMap<>(mutatingCalls);
  }

  private synchronized void handedOut(ActivityTask task) {
    if (task.workflowId().equals(ignoredWorkflowId)) {
      failoverDone = true;
      return;
    }
    String key = task.workflowId() + "/" + task.activityId();
    Execution execution = byAttemptKey.get(key);
    if (execution == null) {
      int occurrence = occurrences.merge(task.activityType(), 1, Integer::sum);
      execution =
          new Execution(
              task.workflowId(),
              task.activityType(),
              occurrence,
              Instant.now(),
              new CopyOnWriteArrayList<>(),
              new AtomicBoolean());
      executions.add(execution);
      byAttemptKey.put(key, execution);
    }
    Consumer<ActivityTask> action = armed.remove(execution.type() + "#" + execution.occurrence());
    if (action != null) {
      action.accept(task);
    }
    // An attempt a killed worker never finished is replaced by its retry's.
    running.values().remove(execution);
    running.put(task.taskToken(), execution);
    if (running.size() > 1) {
      running.values().forEach(e -> e.parallel().set(true));
    }
  }

  private synchronized void completed(ByteString taskToken) {
    running.remove(taskToken);
  }

  private synchronized void served(ServedCall served) {
    ServedCall call = comparable(served);
    if (failoverDone) {
      return;
    }
    if (mutating(call)) {
      mutatingCalls.merge(call.region() + " " + call.operation(), 1L, Long::sum);
    }
    running.values().stream().distinct().forEach(e -> e.calls().add(call));
  }
}
