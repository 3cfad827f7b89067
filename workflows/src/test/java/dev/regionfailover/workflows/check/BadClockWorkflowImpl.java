package dev.regionfailover.workflows.check;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * Deliberately wrong, for {@link WorkflowCheckTest}: reads the system clock through a helper and in
 * a lambda, where a workflow must use {@code Workflow.currentTimeMillis()}. Never registered with a
 * worker.
 */
public class BadClockWorkflowImpl implements BadClockWorkflow {

  @Override
  public long run() {
    Supplier<Instant> later = () -> Instant.now().plusSeconds(60);
    return deadline() + later.get().toEpochMilli();
  }

  private static long deadline() {
    return System.currentTimeMillis() + 1_000;
  }
}
