package dev.regionfailover.starter.monitor;

import dev.regionfailover.starter.temporal.WorkflowTarget.Report;
import dev.regionfailover.workflows.detection.MonitorStatus;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.ExitCode;

/**
 * The report of a pause or a resume: the monitor's status once it shows the change, or the advice
 * to look again when it did not in time, which fails the command.
 */
final class MonitorReport {

  private MonitorReport() {}

  static Report<Optional<MonitorStatus>> of(
      String unchanged, Function<MonitorStatus, String> changed) {
    return (out, status) -> {
      out.println(status.map(changed).orElse(unchanged));
      return status.isPresent() ? ExitCode.OK : ExitCode.SOFTWARE;
    };
  }
}
