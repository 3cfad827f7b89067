package dev.regionfailover.worker.health;

import dev.regionfailover.activities.estate.EstateCatalog;
import dev.regionfailover.activities.estate.EstateScan;
import dev.regionfailover.activities.estate.InvalidEstateFile;
import io.grpc.ConnectivityState;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The checks of a running worker's readiness: Temporal, the estates and the pollers. */
public final class WorkerChecks {

  private WorkerChecks() {}

  /**
   * @param temporal the Temporal address, for the messages
   */
  public static List<ReadinessCheck> of(
      WorkflowServiceStubs stubs, String temporal, EstateCatalog estates, WorkerFactory factory) {
    return List.of(
        new ReadinessCheck("temporal", () -> connection(stubs, temporal)),
        new ReadinessCheck("estates", () -> estates(estates)),
        new ReadinessCheck("polling", () -> polling(factory)));
  }

  /**
   * The gRPC channel's state, which a failing poll or a lost connection turns to TRANSIENT_FAILURE;
   * reading it sends nothing to the server.
   */
  static Optional<String> connection(WorkflowServiceStubs stubs, String temporal) {
    if (stubs.isShutdown()) {
      return Optional.of("the connection to Temporal at " + temporal + " is closed");
    }
    ConnectivityState state = stubs.getRawChannel().getState(false);
    return state == ConnectivityState.TRANSIENT_FAILURE || state == ConnectivityState.SHUTDOWN
        ? Optional.of("not connected to Temporal at " + temporal + " (channel " + state + ")")
        : Optional.empty();
  }

  /** Every file of the estates directory must parse, as the worker reads them for each failover. */
  static Optional<String> estates(EstateCatalog catalog) {
    EstateScan scan = catalog.scan();
    if (!scan.invalid().isEmpty()) {
      return Optional.of(
          scan.invalid().size()
              + " invalid estate file(s) in "
              + scan.directory().toAbsolutePath()
              + ": "
              + scan.invalid().stream()
                  .map(InvalidEstateFile::describe)
                  .collect(Collectors.joining("; ")));
    }
    return Optional.empty();
  }

  static Optional<String> polling(WorkerFactory factory) {
    if (factory.isShutdown() || factory.isTerminated()) {
      return Optional.of("the worker has stopped polling");
    }
    if (!factory.isStarted()) {
      return Optional.of("the worker has not started polling yet");
    }
    return Optional.empty();
  }
}
