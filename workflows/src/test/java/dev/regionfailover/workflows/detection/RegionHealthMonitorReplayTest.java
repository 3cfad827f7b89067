package dev.regionfailover.workflows.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.ReplayResults;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays every saved monitor history in {@code histories/monitor/} against the current code: a run
 * that samples, starts a failover, is paused and continues as new. A change that running monitors
 * would replay differently fails here; put it behind Workflow.getVersion and save a history of the
 * new version next to the old ones.
 */
class RegionHealthMonitorReplayTest {

  @Test
  void everySavedHistoryReplays() throws Exception {
    Path directory = Path.of(getClass().getClassLoader().getResource("histories/monitor").toURI());
    List<WorkflowExecutionHistory> histories = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        histories.add(
            WorkflowExecutionHistory.fromJson(
                Files.readString(file), MonitorRequest.workflowId("orders")));
      }
    }
    assertThat(histories).isNotEmpty();

    ReplayResults results =
        WorkflowReplayer.replayWorkflowExecutions(
            histories, false, RegionHealthMonitorWorkflowImpl.class);

    assertThat(results.allErrors()).isEmpty();
  }
}
