package dev.regionfailover.workflows.evacuation;

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
 * Replays every saved evacuation history in {@code histories/evacuation/} against the current code:
 * held, resumed and aborted; approved once for UNPLANNED; a failed app holding its dependents; an
 * adopted failover. A change that running evacuations would replay differently fails here; put it
 * behind Workflow.getVersion and save a history of the new version next to the old ones.
 */
class RegionEvacuationReplayTest {

  @Test
  void everySavedHistoryReplays() throws Exception {
    Path directory =
        Path.of(getClass().getClassLoader().getResource("histories/evacuation").toURI());
    List<WorkflowExecutionHistory> histories = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        // The evacuation's own id appears in its children's reasons and search attributes.
        histories.add(
            WorkflowExecutionHistory.fromJson(
                Files.readString(file), EvacuationRequest.workflowId("us-east-1")));
      }
    }
    assertThat(histories).hasSize(4);

    ReplayResults results =
        WorkflowReplayer.replayWorkflowExecutions(
            histories, false, RegionEvacuationWorkflowImpl.class);

    assertThat(results.allErrors()).isEmpty();
  }
}
