package dev.regionfailover.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replays a history from before the quota queues and one from after, and records the task queue
 * each replayed activity call asks for. The SDK's replay check compares activity types but not task
 * queues, so only this shows that a failover that began before the change keeps its calls on its
 * own queue, as the version marker decides, and one that began after keeps them on the quota
 * queues.
 */
class QuotaQueuesReplayTest {

  /** The default queue: the workflow's own, which an activity stub without one uses. */
  private static final String OWN_QUEUE = "own";

  private final List<Map.Entry<String, String>> scheduled =
      Collections.synchronizedList(new ArrayList<>());
  private TestWorkflowEnvironment env;

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void aFailoverFromBeforeTheQuotaQueuesKeepsEveryCallOnItsOwnQueue() throws Exception {
    Map<String, List<String>> queues = replay("planned-failover-completed-v2.json");

    assertThat(queues.get("DnsPointRecord")).isNotEmpty().containsOnly(OWN_QUEUE);
    assertThat(queues.get("AuroraPromote")).containsOnly(OWN_QUEUE);
  }

  @Test
  void aFailoverFromAfterKeepsItsChangesOnTheQuotaQueues() throws Exception {
    Map<String, List<String>> queues = replay("planned-failover-quota-queues-v1.json");

    assertThat(queues.get("DnsPointRecord"))
        .containsExactly(
            "region-failover-quota-route53-worker", "region-failover-quota-route53-worker");
    assertThat(queues.get("AuroraPromote")).containsExactly("region-failover-quota-rds-worker");
    assertThat(queues.get("TrafficApply"))
        .containsExactly(OWN_QUEUE, "region-failover-quota-globalaccelerator-worker");
    assertThat(queues.get("AuroraDescribe")).containsOnly(OWN_QUEUE);
  }

  private Map<String, List<String>> replay(String fixture) throws Exception {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new ActivityQueues())
                        .build())
                .build());
    Worker worker = env.newWorker("replay");
    worker.registerWorkflowImplementationTypes(RegionFailoverWorkflowImpl.class);
    Path file = Path.of(getClass().getClassLoader().getResource("histories/" + fixture).toURI());
    WorkflowReplayer.replayWorkflowExecution(
        WorkflowExecutionHistory.fromJson(
            Files.readString(file), FailoverRequest.workflowId("orders")),
        worker);
    return scheduled.stream()
        .collect(
            Collectors.groupingBy(
                Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  /** Notes the activity type and task queue of every activity call the workflow makes. */
  private final class ActivityQueues extends WorkerInterceptorBase {

    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
      return new WorkflowInboundCallsInterceptorBase(next) {
        @Override
        public void init(WorkflowOutboundCallsInterceptor outbound) {
          super.init(
              new WorkflowOutboundCallsInterceptorBase(outbound) {
                @Override
                public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
                  String queue = input.getOptions().getTaskQueue();
                  scheduled.add(
                      Map.entry(input.getActivityName(), queue == null ? OWN_QUEUE : queue));
                  return super.executeActivity(input);
                }
              });
        }
      };
    }
  }
}
