package dev.regionfailover.devtools.local;

/** What {@code demo --kill-worker} does to the worker mid-failover. */
public interface WorkerCrash {

  /**
   * Kills the worker at once, as a crash would (SIGKILL for a worker JVM).
   *
   * @return which worker was killed, for the narration, such as {@code pid 4242}
   */
  String kill();

  /**
   * Starts a fresh worker and returns once it polls the task queue.
   *
   * @return which worker started, for the narration
   */
  String startFresh();
}
