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
 * Replays every saved RecoverAuthority history in {@code histories/recover/} against the current
 * code: a change that running recoveries would replay differently fails here.
 */
class RecoverAuthorityReplayTest {

  @Test
  void everySavedHistoryReplays() throws Exception {
    Path directory = Path.of(getClass().getClassLoader().getResource("histories/recover").toURI());
    List<WorkflowExecutionHistory> histories = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        histories.add(
            WorkflowExecutionHistory.fromJson(
                Files.readString(file), FailoverRequest.workflowId("orders")));
      }
    }
    assertThat(histories).isNotEmpty();

    ReplayResults results =
        WorkflowReplayer.replayWorkflowExecutions(
            histories, false, RecoverAuthorityWorkflowImpl.class);

    assertThat(results.allErrors()).isEmpty();
  }
}
