package dev.regionfailover.workflows.failover;

import static dev.regionfailover.workflows.failover.FailoverActivityMocks.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.pins.RepinEntitiesWorkflowImpl;
import dev.regionfailover.workflows.quota.QuotaTestWorkers;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.temporal.api.sdk.v1.WorkflowInteractionDefinition;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the Temporal UI and CLI see of a running failover besides its status: the handlers with
 * their descriptions (the SDK answers the {@code __temporal_workflow_metadata} query the UI sends),
 * and the search attributes it upserts as it moves from phase to phase.
 */
class RegionFailoverVisibilityTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestSearchAttributes.registeredIn(TestWorkflowExtension.newBuilder())
          .registerWorkflowImplementationTypes(
              RegionFailoverWorkflowImpl.class,
              RepinEntitiesWorkflowImpl.class,
              WaitingReconcile.class)
          .setDoNotStart(true)
          .build();

  private final FailoverActivityMocks mocks = new FailoverActivityMocks();
  private FailoverHarness harness;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(mocks.all());
    QuotaTestWorkers.register(env, mocks.all());
    env.start();
    harness = new FailoverHarness(env, client, worker.getTaskQueue());
  }

  @Test
  void theMetadataQueryListsEverySignalAndQueryWithItsDescription() {
    RegionFailoverWorkflow failover = harness.start("failover-orders", planned());
    harness.awaitPhase(failover, Phase.AWAIT_APPROVAL);

    WorkflowMetadata metadata =
        WorkflowStub.fromTyped(failover)
            .query(WorkflowClient.QUERY_TYPE_WORKFLOW_METADATA, WorkflowMetadata.class);

    assertThat(metadata.getDefinition().getType()).isEqualTo(RegionFailoverWorkflow.TYPE);
    Map<String, String> signals = descriptions(metadata.getDefinition().getSignalDefinitionsList());
    assertThat(signals)
        .containsOnlyKeys(
            "approvePromotion", "denyPromotion", "abort", "confirmFenced", "repinProgress");
    assertThat(signals.get("approvePromotion"))
        .startsWith("Approve promoting the target's Aurora writer.")
        .contains("{\"approver\":\"alice\",\"comment\":")
        .contains("allow-listed approver other than the requester, in AWAIT_APPROVAL");
    assertThat(signals.get("denyPromotion")).contains("{\"approver\":\"bob\",\"reason\":");
    assertThat(signals.get("abort")).contains("{\"by\":\"carol\",\"reason\":");
    assertThat(signals.get("confirmFenced")).contains("{\"by\":\"carol\",\"note\":");
    assertThat(signals.get("repinProgress")).startsWith("Internal:");
    Map<String, String> queries = descriptions(metadata.getDefinition().getQueryDefinitionsList());
    assertThat(queries).containsKey("status");
    assertThat(queries.get("status")).startsWith("Where the failover stands:");
    assertThat(metadata.getCurrentDetails()).contains("AWAIT_APPROVAL");
  }

  @Test
  void searchAttributesFollowThePhaseToTheEnd() {
    RegionFailoverWorkflow failover = harness.start("failover-orders", planned());
    harness.awaitPhase(failover, Phase.AWAIT_APPROVAL);

    // A failover started by hand belongs to no evacuation, so FailoverEvacuation stays unset.
    assertThat(indexed(failover))
        .containsExactly("orders", "AWAIT_APPROVAL", "PLANNED", TARGET, null);

    failover.denyPromotion(new DenialSignal("bob", "not during the sale"));
    FailoverHarness.result(failover);

    assertThat(indexed(failover)).containsExactly("orders", "ABORTED", "PLANNED", TARGET, null);
  }

  /** The failover's values of {@link SearchAttributes#ALL}, in that order. */
  private static List<Object> indexed(RegionFailoverWorkflow failover) {
    io.temporal.common.SearchAttributes attributes =
        WorkflowStub.fromTyped(failover).describe().getTypedSearchAttributes();
    return SearchAttributes.ALL.stream().<Object>map(attributes::get).toList();
  }

  private static Map<String, String> descriptions(List<WorkflowInteractionDefinition> definitions) {
    return definitions.stream()
        .filter(d -> !d.getName().startsWith("__"))
        .collect(
            Collectors.toMap(
                WorkflowInteractionDefinition::getName,
                WorkflowInteractionDefinition::getDescription));
  }

  private static FailoverRequest planned() {
    return new FailoverRequest(
        "orders", TARGET, FailoverMode.PLANNED, "quarterly rotation", "carol");
  }
}
