package dev.regionfailover.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.account.AccountHeader;
import dev.regionfailover.workflows.account.AccountWorkflowInterceptor;
import dev.regionfailover.workflows.estate.AwsAccount;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflowImpl;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.interceptors.Header;
import io.temporal.testing.ReplayResults;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays the saved failovers on a worker that carries app accounts, as the real worker does: the
 * histories from before accounts existed (no account header anywhere) and the drill of an app in an
 * account of its own, whose every activity after the estate carries that account.
 */
class AppAccountReplayTest {

  private static final String ACCOUNT_HISTORY = "drill-failover-app-account.json";

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .setWorkerFactoryOptions(
              WorkerFactoryOptions.newBuilder()
                  .setWorkerInterceptors(new AccountWorkflowInterceptor())
                  .build())
          .registerWorkflowImplementationTypes(
              RegionFailoverWorkflowImpl.class, RepinEntitiesWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @Test
  void theSavedDrillOfAnAppInItsOwnAccountCarriesTheAccount() throws Exception {
    List<HistoryEvent> scheduled =
        history(directory().resolve(ACCOUNT_HISTORY)).getEvents().stream()
            .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
            .toList();

    assertThat(scheduled).hasSizeGreaterThan(2);
    assertThat(account(scheduled.get(0))).isEqualTo(AwsAccount.WORKER);
    assertThat(scheduled.subList(1, scheduled.size()))
        .allSatisfy(e -> assertThat(account(e)).isEqualTo(AppAccountFailoverTest.ORDERS));
  }

  @Test
  void everySavedFailoverReplaysWithAccountsCarried(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    List<WorkflowExecutionHistory> histories = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        histories.add(history(file));
      }
    }
    assertThat(histories).hasSizeGreaterThan(1);

    ReplayResults results = WorkflowReplayer.replayWorkflowExecutions(histories, false, worker);

    assertThat(results.allErrors()).isEmpty();
  }

  private Path directory() throws Exception {
    return Path.of(getClass().getClassLoader().getResource("histories").toURI());
  }

  private static WorkflowExecutionHistory history(Path file) throws Exception {
    return WorkflowExecutionHistory.fromJson(
        Files.readString(file), FailoverRequest.workflowId("orders"));
  }

  private static AwsAccount account(HistoryEvent event) {
    return AccountHeader.read(
        new Header(event.getActivityTaskScheduledEventAttributes().getHeader()));
  }
}
