package dev.regionfailover.worker.history;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.history.FailoverHistoryActivities;
import dev.regionfailover.workflows.history.InterruptedFailover;
import dev.regionfailover.workflows.history.InterruptedFailoverRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a closed failover's history: its input, the first description of the global cluster (whose
 * writer was its source) and the first snapshot of the source's fleet, taken before it was stopped.
 * Nothing else records that capacity once the failover is gone.
 */
public final class FailoverHistoryActivitiesImpl implements FailoverHistoryActivities {

  static final String INVALID_RUN = "InvalidInterruptedRun";

  private static final String DESCRIBE = "AuroraDescribe";
  private static final String SNAPSHOT = "FleetSnapshot";

  private static final List<EventType> CLOSES =
      List.of(
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);

  private final WorkflowClient client;

  public FailoverHistoryActivitiesImpl(WorkflowClient client) {
    this.client = requireNonNull(client, "client is null");
  }

  @Override
  public InterruptedFailover interrupted(InterruptedFailoverRequest request) {
    String run = "run " + request.runId() + " of " + request.workflowId();
    List<HistoryEvent> events;
    try {
      events = client.fetchHistory(request.workflowId(), request.runId()).getEvents();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND
          || e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        throw ApplicationFailure.newNonRetryableFailure(
            run + " is not found: " + e.getStatus().getDescription(), INVALID_RUN);
      }
      throw e;
    }
    HistoryEvent started = events.get(0);
    String type = started.getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName();
    if (!RegionFailoverWorkflow.TYPE.equals(type)) {
      throw ApplicationFailure.newNonRetryableFailure(
          run + " is a " + type + ", not a " + RegionFailoverWorkflow.TYPE, INVALID_RUN);
    }
    HistoryEvent last = events.get(events.size() - 1);
    if (!CLOSES.contains(last.getEventType())) {
      throw ApplicationFailure.newNonRetryableFailure(
          run + " is still running; stop it before recovering from it", INVALID_RUN);
    }
    DataConverter converter = client.getOptions().getDataConverter();
    FailoverRequest input =
        decode(
            converter,
            started.getWorkflowExecutionStartedEventAttributes().getInput(),
            FailoverRequest.class);
    Map<Long, String> activityTypes = new HashMap<>();
    String source = null;
    FleetCapacity sourceFleet = null;
    for (HistoryEvent event : events) {
      if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        activityTypes.put(
            event.getEventId(),
            event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
        var completed = event.getActivityTaskCompletedEventAttributes();
        String activity = activityTypes.get(completed.getScheduledEventId());
        if (DESCRIBE.equals(activity) && source == null) {
          AuroraTopology topology = decode(converter, completed.getResult(), AuroraTopology.class);
          ClusterMember writer = topology == null ? null : topology.writer();
          source = writer == null ? null : writer.region();
        } else if (SNAPSHOT.equals(activity) && sourceFleet == null && source != null) {
          FleetCapacity fleet = decode(converter, completed.getResult(), FleetCapacity.class);
          sourceFleet = fleet != null && source.equals(fleet.region()) ? fleet : null;
        }
      }
    }
    return new InterruptedFailover(
        request.workflowId(),
        request.runId(),
        closeStatus(last.getEventType()),
        input == null ? null : input.withDefaults().mode(),
        source,
        input == null ? null : input.targetRegion(),
        sourceFleet);
  }

  /** The value in {@code payloads}, or null when there is none or it does not decode. */
  private static <T> T decode(DataConverter converter, Payloads payloads, Class<T> type) {
    if (payloads.getPayloadsCount() == 0) {
      return null;
    }
    try {
      return converter.fromPayloads(0, Optional.of(payloads), type, type);
    } catch (DataConverterException e) {
      return null;
    }
  }

  /** {@code EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED} as {@code TERMINATED}. */
  private static String closeStatus(EventType close) {
    return close.name().substring("EVENT_TYPE_WORKFLOW_EXECUTION_".length());
  }
}
