package dev.regionfailover.workflows.fleet;

import java.util.List;

/**
 * The size of one Auto Scaling group and the scaling processes suspended on it. A fenced group is
 * empty with {@link #FENCED_PROCESSES} suspended, so nothing (a scheduled action, an alarm, a
 * health-check replacement) can launch work in a region that lost authority.
 */
public record AsgCapacity(
    String name, int minSize, int maxSize, int desiredCapacity, List<String> suspendedProcesses) {

  public static final List<String> FENCED_PROCESSES =
      List.of("Launch", "AlarmNotification", "ScheduledActions", "AZRebalance", "ReplaceUnhealthy");

  /** A payload written before suspended processes were recorded reads as none suspended. */
  public AsgCapacity {
    suspendedProcesses = suspendedProcesses == null ? List.of() : List.copyOf(suspendedProcesses);
  }
}
