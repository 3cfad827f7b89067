package dev.regionfailover.workflows.readiness;

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
 * Replays every saved ReadinessCheck history in {@code histories/readiness/} against the current
 * code: one from before the check upserted its search attribute, and one after. A change that a
 * running check would replay differently fails here; put it behind Workflow.getVersion and save a
 * history of the new version next to the old ones.
 */
class ReadinessCheckReplayTest {

  @Test
  void everySavedHistoryReplays() throws Exception {
    Path directory =
        Path.of(getClass().getClassLoader().getResource("histories/readiness").toURI());
    List<WorkflowExecutionHistory> histories = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        histories.add(
            WorkflowExecutionHistory.fromJson(Files.readString(file), "readiness-orders"));
      }
    }
    assertThat(histories).hasSize(2);

    ReplayResults results =
        WorkflowReplayer.replayWorkflowExecutions(
            histories, false, ReadinessCheckWorkflowImpl.class);

    assertThat(results.allErrors()).isEmpty();
  }
}
