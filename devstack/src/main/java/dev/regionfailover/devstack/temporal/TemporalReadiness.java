package dev.regionfailover.devstack.temporal;

import dev.regionfailover.devstack.process.ExternalProcess;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits until a freshly started Temporal server serves the {@code default} namespace. */
final class TemporalReadiness {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private TemporalReadiness() {}

  /**
   * Returns once {@code DescribeNamespace("default")} succeeds at {@code target}.
   *
   * @throws IllegalStateException if {@code process} ends or {@code timeout} passes first; the
   *     message holds the process's last output
   */
  static void await(String target, ExternalProcess process, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      StatusRuntimeException last = null;
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              process.name()
                  + " exited before it served gRPC at "
                  + target
                  + "; "
                  + process.tailForMessage());
        }
        try {
          stubs
              .blockingStub()
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .describeNamespace(
                  DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
          return;
        } catch (StatusRuntimeException e) {
          if (!retryable(e.getStatus())) {
            throw new IllegalStateException(
                process.name() + " at " + target + " answered " + e.getStatus(), e);
          }
          last = e;
        }
        sleep(POLL_INTERVAL);
      }
      throw new IllegalStateException(
          process.name()
              + " did not serve gRPC at "
              + target
              + " within "
              + timeout
              + " (last answer: "
              + (last == null ? "none" : last.getStatus())
              + "); "
              + process.tailForMessage());
    } finally {
      stubs.shutdownNow();
    }
  }

  private static boolean retryable(Status status) {
    return switch (status.getCode()) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, NOT_FOUND -> true;
      default -> false;
    };
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Temporal", e);
    }
  }
}
