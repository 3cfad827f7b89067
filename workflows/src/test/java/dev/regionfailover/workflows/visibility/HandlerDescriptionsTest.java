package dev.regionfailover.workflows.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.detection.RegionHealthMonitorWorkflow;
import dev.regionfailover.workflows.evacuation.RegionEvacuationWorkflow;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflow;
import dev.regionfailover.workflows.readiness.ReadinessCheckWorkflow;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflow;
import dev.regionfailover.workflows.rehearsal.SwitchoverRehearsalWorkflow;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every signal, query and update of every workflow type says what it does, so that the Temporal
 * UI's forms list it by name with that text; a signal or update also shows its JSON payload.
 */
class HandlerDescriptionsTest {

  private static final List<Class<?>> WORKFLOWS =
      List.of(
          RegionFailoverWorkflow.class,
          ReadinessCheckWorkflow.class,
          RegionHealthMonitorWorkflow.class,
          SwitchoverRehearsalWorkflow.class,
          ReconcileRegionWorkflow.class,
          RepinEntitiesWorkflow.class,
          RegionEvacuationWorkflow.class);

  @Test
  void everyHandlerHasADescriptionAndEverySignalShowsItsPayload() {
    List<String> handlers = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Class<?> workflow : WORKFLOWS) {
      for (Method method : workflow.getMethods()) {
        String where = workflow.getSimpleName() + "." + method.getName();
        SignalMethod signal = method.getAnnotation(SignalMethod.class);
        QueryMethod query = method.getAnnotation(QueryMethod.class);
        UpdateMethod update = method.getAnnotation(UpdateMethod.class);
        if (signal != null) {
          handlers.add(where);
          check(where, signal.description(), true, missing);
        } else if (query != null) {
          handlers.add(where);
          check(where, query.description(), false, missing);
        } else if (update != null) {
          handlers.add(where);
          check(where, update.description(), true, missing);
        }
      }
    }

    assertThat(handlers)
        .contains(
            "RegionFailoverWorkflow.approvePromotion",
            "RegionHealthMonitorWorkflow.pause",
            "ReconcileRegionWorkflow.regionRecovered",
            "RepinEntitiesWorkflow.progress",
            "RegionEvacuationWorkflow.hold");
    assertThat(missing).isEmpty();
  }

  private static void check(
      String where, String description, boolean takesPayload, List<String> missing) {
    if (description.isBlank()) {
      missing.add(where + " has no description");
    } else if (takesPayload && !description.contains("Payload {")) {
      missing.add(where + " does not show its payload: " + description);
    } else if (!takesPayload && !description.contains("No arguments")) {
      missing.add(where + " does not say that it takes no arguments: " + description);
    }
  }
}
