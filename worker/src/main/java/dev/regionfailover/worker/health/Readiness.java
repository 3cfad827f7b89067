package dev.regionfailover.worker.health;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether the worker should get work: every check holds and it is not stopping. Until the worker
 * has added its checks it is not ready, since it is still starting.
 */
public final class Readiness {

  private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();
  private volatile String stopping;
  private volatile boolean started;

  /** Adds the checks of a worker that has finished starting. */
  public void started(List<ReadinessCheck> workerChecks) {
    checks.addAll(workerChecks);
    started = true;
  }

  /** Makes the worker unready from now on, for the given reason. */
  public void stopping(String why) {
    stopping = requireNonNull(why, "why is null");
  }

  /** What keeps the worker from being ready, one line per failing check; empty when ready. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    String stop = stopping;
    if (stop != null) {
      problems.add("stopping: " + stop);
    }
    if (!started) {
      problems.add("starting: the worker has not finished starting");
    }
    for (ReadinessCheck check : checks) {
      Optional<String> problem;
      try {
        problem = check.problem().get();
      } catch (RuntimeException e) {
        problem = Optional.of("the check failed: " + e);
      }
      problem.ifPresent(p -> problems.add(check.name() + ": " + p));
    }
    return problems;
  }
}
