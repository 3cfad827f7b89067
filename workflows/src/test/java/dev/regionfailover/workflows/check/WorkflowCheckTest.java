package dev.regionfailover.workflows.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflowImpl;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Fails the build ({@code mvn verify} runs it with the module's tests) when workflow code calls
 * something non-deterministic, directly or through this project's classes; and shows on a
 * deliberately bad workflow that the check reports such a call.
 */
class WorkflowCheckTest {

  @Test
  void noWorkflowCallsAnythingNonDeterministic() throws Exception {
    Path classes =
        Path.of(
            ReconcileRegionWorkflowImpl.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

    assertThat(WorkflowCheck.workflowImplementations(classes))
        .extracting(Class::getSimpleName)
        .contains(
            "RegionFailoverWorkflowImpl",
            "RecoverAuthorityWorkflowImpl",
            "ReconcileRegionWorkflowImpl",
            "RegionHealthMonitorWorkflowImpl",
            "ReadinessCheckWorkflowImpl",
            "RepinEntitiesWorkflowImpl",
            "SwitchoverRehearsalWorkflowImpl",
            "RegionEvacuationWorkflowImpl");
    assertThat(WorkflowCheck.checkAll(classes)).isEmpty();
  }

  @Test
  void aSystemClockReadIsReportedWithThePathThatReachesIt() {
    assertThat(WorkflowCheck.check(BadClockWorkflowImpl.class))
        .containsExactlyInAnyOrder(
            "BadClockWorkflowImpl.run -> BadClockWorkflowImpl.deadline -> "
                + "java.lang.System.currentTimeMillis is not deterministic;"
                + " use Workflow.currentTimeMillis()",
            "BadClockWorkflowImpl.run -> BadClockWorkflowImpl.lambda$run$0 -> "
                + "java.time.Instant.now is not deterministic; use Workflow.currentTimeMillis()");
  }
}
