package dev.regionfailover.workflows.rehearsal;

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
 * Replays every saved rehearsal history in {@code histories/rehearsal/} against the current code. A
 * change that running rehearsals would replay differently fails here; put it behind
 * Workflow.getVersion and save a history of the new version next to the old ones.
 */
class SwitchoverRehearsalReplayTest {

  @Test
  void everySavedHistoryReplays() throws Exception {
    Path directory =
        Path.of(getClass().getClassLoader().getResource("histories/rehearsal").toURI());
    List<WorkflowExecutionHistory> histories = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        // Child workflow ids derive from the rehearsal's own id, so replay under the one it ran.
        histories.add(
            WorkflowExecutionHistory.fromJson(
                Files.readString(file), RehearsalRequest.workflowId("orders")));
      }
    }
    assertThat(histories).isNotEmpty();

    ReplayResults results =
        WorkflowReplayer.replayWorkflowExecutions(
            histories, false, SwitchoverRehearsalWorkflowImpl.class);

    assertThat(results.allErrors()).isEmpty();
  }
}
