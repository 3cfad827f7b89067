package dev.regionfailover.worker;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.uber.m3.tally.Scope;
import dev.regionfailover.activities.aws.AccountActivityInterceptor;
import dev.regionfailover.activities.estate.EstateCatalog;
import dev.regionfailover.activities.heartbeat.KeepAliveHeartbeats;
import dev.regionfailover.worker.evacuation.FailoverWatchActivitiesImpl;
import dev.regionfailover.worker.history.FailoverHistoryActivitiesImpl;
import dev.regionfailover.worker.quota.QuotaWorkers;
import dev.regionfailover.workflows.account.AccountWorkflowInterceptor;
import dev.regionfailover.workflows.detection.RegionHealthMonitorWorkflowImpl;
import dev.regionfailover.workflows.evacuation.RegionEvacuationWorkflowImpl;
import dev.regionfailover.workflows.failover.RecoverAuthorityWorkflowImpl;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflowImpl;
import dev.regionfailover.workflows.input.WorkflowRegistration;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflowImpl;
import dev.regionfailover.workflows.readiness.ReadinessCheckWorkflowImpl;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflowImpl;
import dev.regionfailover.workflows.rehearsal.SwitchoverRehearsalWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The connection to Temporal, as the resolved profile describes it (address, namespace, TLS, API
 * key), the worker on the region-failover task queue, and the rate-limited activity workers of the
 * quota queues of every account of the estates loaded at start.
 */
final class TemporalModule extends AbstractModule {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

  private final WorkerConfig config;
  private final Scope metricsScope;
  private final List<WorkerInterceptor> interceptors;

  /**
   * @param metricsScope where the SDK, and the workflows through it, report their metrics
   * @param interceptors run around every activity after the worker's keep-alive heartbeats
   */
  TemporalModule(WorkerConfig config, Scope metricsScope, WorkerInterceptor... interceptors) {
    this.config = config;
    this.metricsScope = metricsScope;
    this.interceptors = List.of(interceptors);
  }

  @Provides
  @Singleton
  WorkflowServiceStubs serviceStubs() {
    // Connecting eagerly makes an unreachable server a start-up error instead of endless poll
    // failures in the log.
    return WorkflowServiceStubs.newConnectedServiceStubs(
        WorkflowServiceStubsOptions.newBuilder(config.temporal().serviceStubsOptions())
            .setMetricsScope(metricsScope)
            .build(),
        CONNECT_TIMEOUT);
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

  /**
   * The interceptors of the worker: the keep-alive heartbeats, the two that carry each app's AWS
   * account from its workflows to the AWS clients of their activities, then {@code others}.
   */
  static WorkerInterceptor[] interceptors(
      KeepAliveHeartbeats heartbeats, List<WorkerInterceptor> others) {
    List<WorkerInterceptor> all = new ArrayList<>();
    all.add(heartbeats);
    all.add(new AccountWorkflowInterceptor());
    all.add(new AccountActivityInterceptor());
    all.addAll(others);
    return all.toArray(WorkerInterceptor[]::new);
  }

  @Provides
  @Singleton
  WorkerFactory workerFactory(
      WorkflowClient client,
      RegisteredActivities activities,
      KeepAliveHeartbeats heartbeats,
      EstateCatalog catalog) {
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(interceptors(heartbeats, interceptors))
                .build());
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
        RepinEntitiesWorkflowImpl.class,
        RegionEvacuationWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities.implementations().toArray());
    // Reading a closed failover's history, or watching an evacuation's failovers, needs this
    // worker's own client, not an AWS one.
    worker.registerActivitiesImplementations(
        new FailoverHistoryActivitiesImpl(client), new FailoverWatchActivitiesImpl(client));
    QuotaWorkers.register(
        factory::newWorker,
        config.quotaRates(),
        QuotaWorkers.accounts(catalog.scan().estates()),
        activities.implementations().toArray());
    return factory;
  }
}
