package dev.regionfailover.devtools.local;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.process.JavaProcess;

/** Kills the local stack's worker JVM with SIGKILL and starts a fresh one in its place. */
final class LocalStackWorkerCrash implements WorkerCrash {

  private final LocalStack stack;

  LocalStackWorkerCrash(LocalStack stack) {
    this.stack = requireNonNull(stack, "stack is null");
  }

  @Override
  public String kill() {
    JavaProcess worker = stack.worker();
    worker.kill();
    return "pid " + worker.pid();
  }

  @Override
  public String startFresh() {
    JavaProcess worker = stack.restartWorker();
    return "pid " + worker.pid() + ", log " + worker.logFile();
  }
}
