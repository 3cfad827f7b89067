package dev.regionfailover.workflows.pins;

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
 * Replays the saved histories in {@code histories/repin/} against the current code: a run that
 * signals its progress and completes, and a first run that continues as new. A change that running
 * re-pins would replay differently fails here; put it behind Workflow.getVersion and save a history
 * of the new version next to the old ones.
 */
class RepinEntitiesReplayTest {

  @Test
  void everySavedHistoryReplays() throws Exception {
    Path directory = Path.of(getClass().getClassLoader().getResource("histories/repin").toURI());
    List<WorkflowExecutionHistory> histories = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        histories.add(WorkflowExecutionHistory.fromJson(Files.readString(file), "repin-orders"));
      }
    }
    assertThat(histories).hasSize(3);

    ReplayResults results =
        WorkflowReplayer.replayWorkflowExecutions(
            histories, false, RepinEntitiesWorkflowImpl.class);

    assertThat(results.allErrors()).isEmpty();
  }
}
