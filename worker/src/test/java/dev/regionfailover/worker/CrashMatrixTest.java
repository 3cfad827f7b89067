package dev.regionfailover.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.failover.Phase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The crash matrix (docs/crash-matrix.md): for a PLANNED, a DRILL, an UNPLANNED and a denied
 * failover, an uninterrupted run first, whose activity executions give the places to kill; then
 * runs that SIGKILL the worker once in every step, at one of three moments (before the step's AWS
 * call reached AWS, while the call is in flight after AWS served it, or after the step's calls
 * returned but before Temporal recorded its completion), a fresh worker started after each kill.
 * Every interrupted run must end as its baseline did: same outcome and steps, each mutating AWS
 * call made as often (so Aurora's promotion exactly once), the same ledger epochs and audit
 * records, and the same final state of every resource. Each kill must be resumed within {@link
 * Kills#LONGEST_HOLD}.
 *
 * <p>By default (CI) one interrupted run per scenario kills each step at one moment, rotated from
 * step to step with a seed that changes every day; {@code -Dcrash.matrix.seed=N} repeats a seed.
 * {@code -Dcrash.matrix=full} runs all three moments, one run per scenario and moment. The
 * scenarios run side by side ({@code -Dcrash.matrix.parallel}, 4 by default), each on a stack of
 * its own. The table goes to standard output and to {@code target/crash-matrix/crash-matrix.md}.
 */
class CrashMatrixTest {

  private static final Path OUTPUT = Path.of("target", "crash-matrix");

  @Test
  void everyStepOfEveryFailoverSurvivesAKill() {
    boolean full = "full".equals(System.getProperty("crash.matrix"));
    long seed = Long.getLong("crash.matrix.seed", LocalDate.now(ZoneOffset.UTC).getDayOfYear());
    List<CrashScenario> scenarios = scenarios();
    System.out.printf(
        "Crash matrix: %s form, seed %d (repeat with -Dcrash.matrix.seed=%d)%n",
        full ? "full" : "sampled", seed, seed);
    CrashMatrixTable table = new CrashMatrixTable();
    List<String> failures = new ArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(Integer.getInteger("crash.matrix.parallel", 4));
    long began = System.nanoTime();
    try {
      CompletableFuture.allOf(
              scenarios.stream()
                  .map(
                      scenario ->
                          CompletableFuture.supplyAsync(
                                  () ->
                                      CrashRun.run(
                                          scenario, List.of(), OUTPUT, scenario + "-baseline"),
                                  pool)
                              .thenCompose(
                                  baseline ->
                                      interrupted(
                                          scenario, baseline, full, seed, table, failures, pool)))
                  .toArray(CompletableFuture[]::new))
          .join();
    } catch (CompletionException e) {
      // Every run that ended still has its rows in the table; the failed run is named below.
      failures.add("a run failed: " + e.getCause().getMessage());
    } finally {
      pool.shutdownNow();
    }
    String heading =
        String.format(
            "Crash matrix, %s form (seed %d), %.0f s wall",
            full ? "full" : "sampled", seed, (System.nanoTime() - began) / 1e9);
    table.write(OUTPUT.resolve("crash-matrix.md"), heading);
    System.out.println(table.markdown(heading));
    assertThat(failures).isEmpty();
  }

  private static CompletableFuture<Void> interrupted(
      CrashScenario scenario,
      CrashRun.Result baseline,
      boolean full,
      long seed,
      CrashMatrixTable table,
      List<String> failures,
      ExecutorService pool) {
    check(scenario, "baseline", baseline.end().outcome() == scenario.outcome(), failures);
    check(
        scenario,
        "Aurora promotions in the baseline: " + baseline.end().promotions(),
        baseline.end().promotions() == (scenario.outcome() == Phase.COMPLETED ? 1 : 0),
        failures);
    List<CrashTarget> targets = CrashTarget.of(baseline.executions(), baseline.steps());
    targets.forEach(target -> CrashRun.note(OUTPUT, scenario + "-baseline", "target: " + target));
    CrashTarget.workflowOnlySteps(targets, baseline.steps())
        .forEach(step -> table.workflowOnly(scenario, step));
    table.run(scenario, "uninterrupted", 0, baseline.wall(), List.of());
    List<List<CrashRun.PlannedKill>> runs = new ArrayList<>();
    if (full) {
      for (CrashMoment moment : CrashMoment.values()) {
        List<CrashRun.PlannedKill> kills = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
          CrashTarget target = targets.get(i);
          if (killedWithSibling(targets, i)) {
            table.killedWithSibling(scenario, target, moment);
          } else if (target.applies(moment)) {
            kills.add(new CrashRun.PlannedKill(target, moment));
          } else {
            table.notApplicable(scenario, target, moment);
          }
        }
        runs.add(kills);
      }
    } else {
      List<CrashRun.PlannedKill> kills = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        CrashTarget target = targets.get(i);
        List<CrashMoment> moments =
            Arrays.stream(CrashMoment.values()).filter(target::applies).toList();
        CrashMoment moment = moments.get((int) Math.floorMod(i + seed, (long) moments.size()));
        if (killedWithSibling(targets, i)) {
          table.killedWithSibling(scenario, target, moment);
        } else {
          kills.add(new CrashRun.PlannedKill(target, moment));
        }
      }
      runs.add(kills);
    }
    return CompletableFuture.allOf(
        runs.stream()
            .map(
                kills ->
                    CompletableFuture.runAsync(
                        () -> {
                          String name =
                              (scenario + "-" + runName(kills, full))
                                  .replace(' ', '-')
                                  .replace(",", "");
                          CrashRun.Result run = CrashRun.run(scenario, kills, OUTPUT, name);
                          List<String> differences = run.end().differences(baseline.end());
                          table.run(
                              scenario,
                              runName(kills, full),
                              kills.size(),
                              run.wall(),
                              differences);
                          differences.forEach(
                              d -> check(scenario, name + ": " + d, false, failures));
                          for (CrashRun.KillOutcome outcome : run.kills()) {
                            table.kill(scenario, outcome);
                            check(
                                scenario,
                                name + " " + outcome.kill().target().activity() + ": " + outcome,
                                !outcome.failed()
                                    && (outcome.resumed() == null
                                        || outcome.resumed().compareTo(Kills.LONGEST_HOLD) <= 0),
                                failures);
                          }
                        },
                        pool))
            .toArray(CompletableFuture[]::new));
  }

  /**
   * Whether the target runs in parallel with the one before it, as the re-pin's segments do: the
   * SIGKILL aimed at the first of them ends every sibling on that worker at the same instant, and a
   * sibling's retry may find its work checkpointed and never make the call a second kill would wait
   * for.
   */
  private static boolean killedWithSibling(List<CrashTarget> targets, int index) {
    if (index == 0) {
      return false;
    }
    CrashTarget target = targets.get(index);
    CrashTarget previous = targets.get(index - 1);
    return target.parallel() && previous.parallel() && target.type().equals(previous.type());
  }

  private static String runName(List<CrashRun.PlannedKill> kills, boolean full) {
    return full && !kills.isEmpty()
        ? "killed " + kills.get(0).moment().label()
        : "killed in each step";
  }

  private static void check(
      CrashScenario scenario, String what, boolean holds, List<String> failures) {
    if (!holds) {
      synchronized (failures) {
        failures.add(scenario + ": " + what);
      }
    }
  }

  private static List<CrashScenario> scenarios() {
    String chosen = System.getProperty("crash.matrix.scenarios", "");
    if (chosen.isBlank()) {
      return List.of(CrashScenario.values());
    }
    return Arrays.stream(chosen.split(",")).map(String::trim).map(CrashScenario::valueOf).toList();
  }
}
