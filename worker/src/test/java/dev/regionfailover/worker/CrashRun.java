package dev.regionfailover.worker;

import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.StepStatus;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One run of a crash-matrix scenario on a {@link CrashStack} of its own: uninterrupted (the
 * baseline), or with the worker killed with SIGKILL at each planned kill, a fresh worker started
 * right after each kill. A kill waits until the planned moment is reached: the stand-in holds the
 * aimed AWS call before or after AWS, or the proxy holds the activity's completion. Then the worker
 * is killed, the hold released (a call held before AWS and a held completion are dropped), and the
 * next kill armed.
 */
final class CrashRun {

  /** Why a kill of a parallel execution did not happen: it ended with its killed sibling. */
  private static final String PARALLEL_END =
      "not killed: it ended before its turn, in parallel with the step killed before";

  /** How long a kill waits for its moment, from the previous kill's resumption on. */
  private static final Duration REACH = Duration.ofSeconds(90);

  /** A planned kill: where and when. */
  record PlannedKill(CrashTarget target, CrashMoment moment) {}

  /**
   * What one planned kill did: resumed after the kill, or why it did not happen, which fails the
   * matrix unless the execution ran in parallel with the one killed before and ended with it.
   */
  record KillOutcome(PlannedKill kill, Duration resumed, String note, boolean failed) {}

  /** What a run did. */
  record Result(
      RunEnd end,
      List<ExecutionTrace.Execution> executions,
      List<StepStatus> steps,
      List<KillOutcome> kills,
      Duration wall) {}

  /** A hold of either kind, as the run waits for and releases it. */
  private record Hold(BooleanSupplier held, Runnable release) {}

  private CrashRun() {}

  static Result run(CrashScenario scenario, List<PlannedKill> planned, Path logs, String name) {
    long began = System.nanoTime();
    try (CrashStack stack = new CrashStack(name, logs)) {
      ExecutionTrace trace =
          new ExecutionTrace(stack, ReconcileRegionWorkflow.workflowId(scenario.request().app()));
      scenario.prepare(stack.aws().standIn());
      JavaProcess worker = stack.startWorker();
      WorkflowClient client = stack.client();
      RegionFailoverWorkflow failover = Failovers.start(client, scenario.request());
      WorkflowStub stub = WorkflowStub.fromTyped(failover);
      Kills kills = new Kills(client, stub.getExecution().getWorkflowId());
      AtomicBoolean ended = new AtomicBoolean();
      Thread operator = operator(scenario, failover, ended, name);
      List<String> missedKills = new ArrayList<>();
      try {
        for (PlannedKill kill : planned) {
          AtomicReference<Hold> hold = new AtomicReference<>();
          arm(stack, trace, kill, hold);
          note(
              logs,
              name,
              "armed a kill "
                  + kill.moment().label()
                  + " in "
                  + kill.target().activity()
                  + " ("
                  + kill.target().describeCall()
                  + ")");
          String missed = reached(hold, trace, kill.target());
          if (missed != null) {
            note(logs, name, missed);
            trace.disarm(kill.target().type(), kill.target().occurrence());
            if (hold.get() != null) {
              hold.get().release().run();
            }
            missedKills.add(missed);
            continue;
          }
          note(logs, name, "held; killing the worker");
          kills.kill(worker, name + ": " + kill.target().activity());
          hold.get().release().run();
          missedKills.add(null);
          worker = stack.startWorker();
        }
        FailoverResult result = stub.getResult(10, TimeUnit.MINUTES, FailoverResult.class);
        ended.set(true);
        List<Kills.Resumption> resumptions = kills.resumptions();
        List<KillOutcome> outcomes = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < planned.size(); i++) {
          String missed = missedKills.get(i);
          PlannedKill kill = planned.get(i);
          outcomes.add(
              missed == null
                  ? new KillOutcome(kill, resumptions.get(next++).held(), null, false)
                  : new KillOutcome(kill, null, missed, !missed.equals(PARALLEL_END)));
        }
        if (scenario.refusesSource()) {
          // The failover's reconcile waits for the refused source to answer and then brings its
          // ledger copy forward; it is stopped before the faults are lifted to read the end state,
          // or whether it got there first would depend on timing, in the baseline as in each run.
          client
              .newUntypedWorkflowStub(ReconcileRegionWorkflow.workflowId(scenario.request().app()))
              .terminate("crash matrix: the end state is read with the source answering again");
        }
        stack.aws().standIn().faults().clear();
        RunEnd end = RunEnd.of(result, trace, stack.state(), stack.estate().regions());
        return new Result(
            end,
            trace.executions(),
            result.steps(),
            outcomes,
            Duration.ofNanos(System.nanoTime() - began));
      } catch (Exception e) {
        throw new IllegalStateException(name + " failed: " + e.getMessage(), e);
      } finally {
        ended.set(true);
        operator.interrupt();
      }
    }
  }

  /** Appends a line to the run's progress file, which shows where a slow run stands. */
  static void note(Path logs, String name, String line) {
    try {
      Files.createDirectories(logs);
      Files.writeString(
          logs.resolve(name + "-progress.log"),
          Instant.now() + " " + line + System.lineSeparator(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Arms the hold of {@code kill} for when its execution's first attempt is handed out. */
  private static void arm(
      CrashStack stack, ExecutionTrace trace, PlannedKill kill, AtomicReference<Hold> hold) {
    CrashTarget target = kill.target();
    trace.arm(
        target.type(),
        target.occurrence(),
        task -> {
          if (kill.moment() == CrashMoment.BEFORE_RECORDED) {
            var completion = stack.proxy().holdCompletion(task.taskToken());
            hold.set(new Hold(completion::held, completion::release));
          } else {
            var call =
                stack
                    .aws()
                    .standIn()
                    .holds()
                    .arm(
                        target.call().region(),
                        target.call().operation(),
                        target.callOccurrence(),
                        kill.moment().hold());
            hold.set(new Hold(call::held, call::release));
          }
        });
  }

  /**
   * Waits until the kill's moment is reached; returns null then, else why it was not: the execution
   * ended first (a parallel one may end with the sibling killed before it), or the moment did not
   * come within {@link #REACH}.
   */
  private static String reached(
      AtomicReference<Hold> hold, ExecutionTrace trace, CrashTarget target) {
    long deadline = System.nanoTime() + REACH.toNanos();
    while (System.nanoTime() < deadline) {
      Hold armed = hold.get();
      if (armed != null && armed.held().getAsBoolean()) {
        return null;
      }
      if (armed == null && trace.ended(target.type(), target.occurrence())) {
        return target.parallel() ? PARALLEL_END : "it ended before its kill was armed";
      }
      FailoverEndToEndTest.sleep(Duration.ofMillis(20));
    }
    return "its moment did not come within " + REACH.toSeconds() + " s";
  }

  /**
   * A thread that plays the operators: it reads the failover's status and sends the signals it
   * waits for. Queries fail while no worker runs; it asks again.
   */
  private static Thread operator(
      CrashScenario scenario, RegionFailoverWorkflow failover, AtomicBoolean ended, String name) {
    Set<String> sent = new HashSet<>();
    Thread thread =
        new Thread(
            () -> {
              while (!ended.get()) {
                try {
                  scenario.operate(failover, failover.status(), sent);
                } catch (RuntimeException e) {
                  // No worker answers queries between a kill and the next worker's start.
                }
                try {
                  Thread.sleep(300);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            name + "-operator");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
