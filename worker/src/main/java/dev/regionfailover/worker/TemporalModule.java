package dev.regionfailover.worker;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.regionfailover.activities.heartbeat.KeepAliveHeartbeats;
import dev.regionfailover.worker.history.FailoverHistoryActivitiesImpl;
import dev.regionfailover.workflows.detection.RegionHealthMonitorWorkflowImpl;
import dev.regionfailover.workflows.failover.RecoverAuthorityWorkflowImpl;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflowImpl;
import dev.regionfailover.workflows.input.WorkflowRegistration;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflowImpl;
import dev.regionfailover.workflows.readiness.ReadinessCheckWorkflowImpl;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflowImpl;
import dev.regionfailover.workflows.rehearsal.SwitchoverRehearsalWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/**
 * The connection to Temporal, as the resolved profile describes it (address, namespace, TLS, API
 * key), and the worker on the region-failover task queue.
 */
final class TemporalModule extends AbstractModule {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

  private final WorkerConfig config;

  TemporalModule(WorkerConfig config) {
    this.config = config;
  }

  @Provides
  @Singleton
  WorkflowServiceStubs serviceStubs() {
    // Connecting eagerly makes an unreachable server a start-up error instead of endless poll
    // failures in the log.
    return WorkflowServiceStubs.newConnectedServiceStubs(
        config.temporal().serviceStubsOptions(), CONNECT_TIMEOUT);
  }

  @Provides
  @Singleton
  WorkflowClient workflowClient(WorkflowServiceStubs stubs) {
    return WorkflowClient.newInstance(stubs, config.temporal().clientOptions());
  }

  @Provides
  @Singleton
  KeepAliveHeartbeats keepAliveHeartbeats() {
    return new KeepAliveHeartbeats();
  }

  @Provides
  @Singleton
  WorkerFactory workerFactory(
      WorkflowClient client, RegisteredActivities activities, KeepAliveHeartbeats heartbeats) {
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client, WorkerFactoryOptions.newBuilder().setWorkerInterceptors(heartbeats).build());
    Worker worker =
        factory.newWorker(
            RegionFailoverWorkflow.TASK_QUEUE,
            WorkerOptions.newBuilder()
                .setStickyQueueScheduleToStartTimeout(config.stickyScheduleToStartTimeout())
                .build());
    worker.registerWorkflowImplementationTypes(
        WorkflowRegistration.OPTIONS,
        RegionFailoverWorkflowImpl.class,
        RecoverAuthorityWorkflowImpl.class,
        ReadinessCheckWorkflowImpl.class,
        SwitchoverRehearsalWorkflowImpl.class,
        ReconcileRegionWorkflowImpl.class,
        RegionHealthMonitorWorkflowImpl.class,
        RepinEntitiesWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities.implementations().toArray());
    // Reading a closed failover's history needs this worker's own client, not an AWS one.
    worker.registerActivitiesImplementations(new FailoverHistoryActivitiesImpl(client));
    return factory;
  }
}
