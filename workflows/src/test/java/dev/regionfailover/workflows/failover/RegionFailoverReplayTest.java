package dev.regionfailover.workflows.failover;

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
 * Replays every saved history in {@code histories/} against the current code. A change to workflow
 * logic that running failovers would replay differently fails here; put it behind
 * Workflow.getVersion and save a history of the new version next to the old ones.
 */
class RegionFailoverReplayTest {

  @Test
  void everySavedHistoryReplays() throws Exception {
    Path directory = Path.of(getClass().getClassLoader().getResource("histories").toURI());
    List<WorkflowExecutionHistory> histories = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        // The workflow checks its own id, so each history replays under the id it ran with.
        histories.add(
            WorkflowExecutionHistory.fromJson(
                Files.readString(file), FailoverRequest.workflowId("orders")));
      }
    }
    assertThat(histories).isNotEmpty();

    ReplayResults results =
        WorkflowReplayer.replayWorkflowExecutions(
            histories, false, RegionFailoverWorkflowImpl.class);

    assertThat(results.allErrors()).isEmpty();
  }
}
