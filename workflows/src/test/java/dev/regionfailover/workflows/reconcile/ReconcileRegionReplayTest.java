package dev.regionfailover.workflows.reconcile;

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
 * Replays every saved ReconcileRegion history in {@code histories/reconcile/} against the current
 * code: a change that running reconciliations would replay differently fails here. The {@code -v0}
 * and unsuffixed histories were recorded before the wait continued as new; the {@code
 * reconcile-continued-*-v1} pair after: a first run that continued as new after 96 probes (with a
 * refused signal), and the run after it, ended by the regionRecovered signal.
 */
class ReconcileRegionReplayTest {

  @Test
  void everySavedHistoryReplays() throws Exception {
    Path directory =
        Path.of(getClass().getClassLoader().getResource("histories/reconcile").toURI());
    List<WorkflowExecutionHistory> histories = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        histories.add(
            WorkflowExecutionHistory.fromJson(
                Files.readString(file), ReconcileRegionWorkflow.workflowId("orders")));
      }
    }
    assertThat(histories).hasSize(5);

    ReplayResults results =
        WorkflowReplayer.replayWorkflowExecutions(
            histories, false, ReconcileRegionWorkflowImpl.class);

    assertThat(results.allErrors()).isEmpty();
  }
}
