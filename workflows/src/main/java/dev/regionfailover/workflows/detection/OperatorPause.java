package dev.regionfailover.workflows.detection;

/**
 * The pause and resume signals: while paused the monitor goes on sampling but starts no failover. A
 * signal without a {@code by} is recorded and ignored.
 */
final class OperatorPause {

  private final MonitorRun run;

  OperatorPause(MonitorRun run) {
    this.run = run;
  }

  void pause(OperatorSignal signal) {
    String by = signer("pause", signal);
    if (by == null) {
      return;
    }
    run.paused = true;
    run.pausedBy = by;
    run.pauseReason = signal.reason();
    run.note(
        "paused by %s%s; sampling goes on, no failover starts"
            .formatted(by, reasonText(signal.reason())));
    run.publish();
  }

  void resume(OperatorSignal signal) {
    String by = signer("resume", signal);
    if (by == null) {
      return;
    }
    if (!run.paused) {
      run.note("resume by %s ignored: the monitor is not paused".formatted(by));
      return;
    }
    run.paused = false;
    run.pausedBy = null;
    run.pauseReason = null;
    run.note("resumed by %s%s".formatted(by, reasonText(signal.reason())));
    run.publish();
  }

  /** Who sent the signal; null, with an event saying why, when the signal does not count. */
  private String signer(String kind, OperatorSignal signal) {
    if (signal != null && signal.payloadProblem() != null) {
      run.note("%s refused: %s".formatted(kind, signal.payloadProblem()));
      return null;
    }
    String by = signal == null ? null : signal.by();
    if (by == null || by.isBlank()) {
      run.note("%s ignored: the payload has no \"by\"".formatted(kind));
      return null;
    }
    return by;
  }

  private static String reasonText(String reason) {
    return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
  }
}
