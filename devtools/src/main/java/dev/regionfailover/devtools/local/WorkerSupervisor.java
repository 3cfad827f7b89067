package dev.regionfailover.devtools.local;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.process.ExternalProcess;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code dev}'s worker running. When the worker JVM dies, it starts a fresh one and logs that
 * it did, while Temporal and the AWS emulator keep running with all their state, so a failover in
 * flight resumes on the new worker. A worker that dies soon after it starts (a broken build, a bad
 * estate) is restarted with growing pauses, and after a few such deaths in a row the supervisor
 * gives up and names the log that says why.
 */
final class WorkerSupervisor {

  private static final Logger log = LoggerFactory.getLogger(WorkerSupervisor.class);

  private final Supplier<ExternalProcess> current;
  private final Supplier<ExternalProcess> restart;
  private final BooleanSupplier stopped;
  private final RestartPolicy policy;

  /**
   * @param current the worker that runs now
   * @param restart starts a fresh worker and returns it once it polls; throws {@link
   *     IllegalStateException} when it does not come up
   * @param stopped whether the stack was stopped, after which the worker's death is expected
   */
  WorkerSupervisor(
      Supplier<ExternalProcess> current,
      Supplier<ExternalProcess> restart,
      BooleanSupplier stopped,
      RestartPolicy policy) {
    this.current = requireNonNull(current, "current is null");
    this.restart = requireNonNull(restart, "restart is null");
    this.stopped = requireNonNull(stopped, "stopped is null");
    this.policy = requireNonNull(policy, "policy is null");
  }

  /** Supervises {@code stack}'s worker. */
  static WorkerSupervisor of(LocalStack stack, RestartPolicy policy) {
    return new WorkerSupervisor(stack::worker, stack::restartWorker, stack::isClosed, policy);
  }

  /**
   * Watches the worker until the stack stops, restarting it whenever it dies.
   *
   * @throws GaveUp when the worker died {@link RestartPolicy#maxQuickDeaths()} times in a row soon
   *     after it started
   */
  void superviseUntilStopped() throws InterruptedException {
    ExternalProcess worker = current.get();
    long startedNanos = System.nanoTime();
    int quickDeaths = 0;
    while (true) {
      while (worker.isAlive() && !stopped.getAsBoolean()) {
        Thread.sleep(policy.checkInterval().toMillis());
      }
      if (stopped.getAsBoolean()) {
        return;
      }
      Duration lived = Duration.ofNanos(System.nanoTime() - startedNanos);
      quickDeaths = lived.compareTo(policy.quickDeath()) < 0 ? quickDeaths + 1 : 0;
      String exit = worker.exitCode().map(code -> "exit code " + code).orElse("no exit code");
      if (quickDeaths >= policy.maxQuickDeaths()) {
        throw new GaveUp(
            "the worker died "
                + quickDeaths
                + " times in a row within "
                + policy.quickDeath().toSeconds()
                + " s of starting (last: "
                + exit
                + "); see "
                + worker.logFile());
      }
      Duration pause = policy.pauseBefore(quickDeaths);
      log.warn(
          "The worker (pid {}) died after {} s ({}); see {}. Starting a fresh one in {} ms;"
              + " Temporal and the AWS emulator keep running.",
          worker.pid(),
          lived.toSeconds(),
          exit,
          worker.logFile(),
          pause.toMillis());
      Thread.sleep(pause.toMillis());
      if (stopped.getAsBoolean()) {
        return;
      }
      startedNanos = System.nanoTime();
      try {
        worker = restart.get();
        log.warn("Restarted the worker: pid {}, log {}", worker.pid(), worker.logFile());
      } catch (IllegalStateException e) {
        if (stopped.getAsBoolean()) {
          return;
        }
        log.warn("The restarted worker did not come up: {}", e.getMessage());
        worker = current.get();
      }
    }
  }

  /**
   * How the supervisor restarts.
   *
   * @param checkInterval how often it looks whether the worker still runs
   * @param quickDeath a worker that dies sooner than this after it started died quickly
   * @param maxQuickDeaths after this many quick deaths in a row the supervisor gives up
   * @param firstPause the pause before restarting a worker that ran for a while; it doubles with
   *     each quick death in a row
   * @param maxPause the longest pause
   */
  record RestartPolicy(
      Duration checkInterval,
      Duration quickDeath,
      int maxQuickDeaths,
      Duration firstPause,
      Duration maxPause) {

    /** What {@code dev} uses: three deaths within 30 s of starting end it. */
    static final RestartPolicy DEV =
        new RestartPolicy(
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            3,
            Duration.ofSeconds(1),
            Duration.ofSeconds(8));

    RestartPolicy {
      requireNonNull(checkInterval, "checkInterval is null");
      requireNonNull(quickDeath, "quickDeath is null");
      requireNonNull(firstPause, "firstPause is null");
      requireNonNull(maxPause, "maxPause is null");
      if (maxQuickDeaths < 1) {
        throw new IllegalArgumentException("maxQuickDeaths must be at least 1: " + maxQuickDeaths);
      }
    }

    /**
     * The pause before a restart after {@code quickDeaths} quick deaths in a row (zero after a
     * worker that ran for a while).
     */
    Duration pauseBefore(int quickDeaths) {
      Duration pause = firstPause.multipliedBy(1L << Math.min(quickDeaths, 20));
      return pause.compareTo(maxPause) > 0 ? maxPause : pause;
    }
  }

  /** The supervisor stopped restarting a worker that keeps dying. */
  static final class GaveUp extends RuntimeException {
    GaveUp(String message) {
      super(message);
    }
  }
}
