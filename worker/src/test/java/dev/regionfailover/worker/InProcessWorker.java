package dev.regionfailover.worker;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsSettings;
import dev.regionfailover.activities.estate.EstateCatalog;
import dev.regionfailover.activities.heartbeat.KeepAliveHeartbeats;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.RecordedOperations;
import dev.regionfailover.worker.evacuation.FailoverWatchActivitiesImpl;
import dev.regionfailover.worker.health.ReadinessCheck;
import dev.regionfailover.worker.health.WorkerChecks;
import dev.regionfailover.worker.history.FailoverHistoryActivitiesImpl;
import dev.regionfailover.worker.metrics.AwsCallMetrics;
import dev.regionfailover.worker.metrics.StepRetries;
import dev.regionfailover.worker.metrics.WorkerMetrics;
import dev.regionfailover.worker.quota.QuotaRates;
import dev.regionfailover.worker.quota.QuotaWorkers;
import dev.regionfailover.workflows.detection.RegionHealthMonitorWorkflowImpl;
import dev.regionfailover.workflows.evacuation.RegionEvacuationWorkflowImpl;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.RecoverAuthorityWorkflowImpl;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflowImpl;
import dev.regionfailover.workflows.input.WorkflowRegistration;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflowImpl;
import dev.regionfailover.workflows.readiness.ReadinessCheckWorkflowImpl;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflowImpl;
import dev.regionfailover.workflows.rehearsal.SwitchoverRehearsalWorkflowImpl;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * The worker as WorkerMain wires it (Guice, the real activities), polling an in-process Temporal
 * test server in real time, with its AWS clients pointed at the emulator stack. It signs with
 * {@link RecordedOperations#WORKER_ACCESS_KEY}, which tells its AWS calls from the test's own.
 */
final class InProcessWorker implements AutoCloseable {

  private final Injector injector;
  private final TestWorkflowEnvironment env;
  private final KeepAliveHeartbeats heartbeats = new KeepAliveHeartbeats();

  /**
   * @param apiCallTimeout how long one AWS call may take; short against a region that refuses
   *     connections, so a bounded retry budget is spent in seconds
   */
  InProcessWorker(AwsStack stack, Path estates, Duration apiCallTimeout) {
    this(stack, estates, apiCallTimeout, new WorkerInterceptor[0]);
  }

  /**
   * @param interceptors run around every activity after the worker's own
   */
  InProcessWorker(
      AwsStack stack, Path estates, Duration apiCallTimeout, WorkerInterceptor... interceptors) {
    this(stack, estates, apiCallTimeout, Optional.empty(), interceptors);
  }

  /**
   * A worker that reports its metrics to {@code metrics}, as WorkerMain wires them: the SDK's and
   * the workflows' through the test server's metrics scope, the AWS calls and the step retries.
   */
  InProcessWorker(AwsStack stack, Path estates, Duration apiCallTimeout, WorkerMetrics metrics) {
    this(stack, estates, apiCallTimeout, Optional.of(metrics), new StepRetries(metrics.registry()));
  }

  private InProcessWorker(
      AwsStack stack,
      Path estates,
      Duration apiCallTimeout,
      Optional<WorkerMetrics> metrics,
      WorkerInterceptor... interceptors) {
    AwsSettings settings =
        new AwsSettings(
            Optional.of(stack.endpoint()),
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    RecordedOperations.WORKER_ACCESS_KEY, RecordedOperations.WORKER_ACCESS_KEY)),
            apiCallTimeout,
            apiCallTimeout.dividedBy(3),
            apiCallTimeout.compareTo(Duration.ofSeconds(30)) < 0 ? 2 : 4);
    WorkerConfig config =
        WorkerConfig.from(new String[] {"--estates", estates.toString()}, Map.of());
    injector =
        Guice.createInjector(
            new AwsModule(
                settings,
                metrics.map(m -> new AwsCallMetrics(m.registry())).stream()
                    .toArray(MetricPublisher[]::new)),
            new ActivitiesModule(config));
    TestEnvironmentOptions.Builder options =
        TestEnvironmentOptions.newBuilder()
            .setUseTimeskipping(false)
            .setWorkerFactoryOptions(
                WorkerFactoryOptions.newBuilder()
                    .setWorkerInterceptors(
                        TemporalModule.interceptors(heartbeats, List.of(interceptors)))
                    .build());
    metrics.ifPresent(m -> options.setMetricsScope(m.temporalScope()));
    env = TestWorkflowEnvironment.newInstance(options.build());
    // The workflows upsert these, and the test server refuses attributes it does not know.
    for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
    Worker worker = env.newWorker(RegionFailoverWorkflow.TASK_QUEUE);
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
    worker.registerActivitiesImplementations(
        injector.getInstance(RegisteredActivities.class).implementations().toArray());
    worker.registerActivitiesImplementations(
        new FailoverHistoryActivitiesImpl(env.getWorkflowClient()),
        new FailoverWatchActivitiesImpl(env.getWorkflowClient()));
    QuotaWorkers.register(
        env::newWorker,
        QuotaRates.defaults(),
        QuotaWorkers.accounts(injector.getInstance(EstateCatalog.class).scan().estates()),
        injector.getInstance(RegisteredActivities.class).implementations().toArray());
    env.start();
  }

  /** The checks of /readyz, as WorkerMain adds them once its worker polls. */
  List<ReadinessCheck> readinessChecks() {
    return WorkerChecks.of(
        env.getWorkflowServiceStubs(),
        "the in-process test server",
        injector.getInstance(EstateCatalog.class),
        env.getWorkerFactory());
  }

  WorkflowClient client() {
    return env.getWorkflowClient();
  }

  RegionFailoverWorkflow start(FailoverRequest request) {
    return Failovers.start(env.getWorkflowClient(), request);
  }

  @Override
  public void close() {
    env.close();
    heartbeats.close();
    injector.getInstance(AwsClients.class).close();
  }
}
