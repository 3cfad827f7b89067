package dev.regionfailover.worker.metrics;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge {@code region_failover_awaiting_approval{app}}: 1 while a failover (or a recovery) of
 * the app waits for approval, else 0. The worker reads it from Temporal's visibility store, with
 * the query {@code ExecutionStatus="Running" AND FailoverPhase="AWAIT_APPROVAL"}, instead of the
 * workflow setting it: a gauge set by workflow code would stay 1 in a worker whose failover was
 * terminated while waiting, and would be 0 in a fresh worker that replayed a waiting failover
 * (replay emits no metrics). Every worker reports the same value; the alert takes the maximum by
 * app. A failover started before the project's search attributes existed is not listed, and so not
 * counted.
 */
public final class AwaitingApproval implements AutoCloseable {

  static final String GAUGE = WorkerMetrics.PREFIX + "awaiting_approval";

  static final String QUERY =
      "ExecutionStatus=\"Running\" AND "
          + SearchAttributes.FAILOVER_PHASE.getName()
          + "=\""
          + Phase.AWAIT_APPROVAL.name()
          + "\"";

  private static final Logger log = LoggerFactory.getLogger(AwaitingApproval.class);

  private final MeterRegistry registry;
  private final WorkflowClient client;
  private final Supplier<Collection<String>> knownApps;
  private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();
  private String lastProblem;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "awaiting-approval-gauge");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param knownApps the apps of the estates the worker serves, reported as 0 when none of their
   *     failovers waits
   */
  public AwaitingApproval(
      MeterRegistry registry, WorkflowClient client, Supplier<Collection<String>> knownApps) {
    this.registry = requireNonNull(registry, "registry is null");
    this.client = requireNonNull(client, "client is null");
    this.knownApps = requireNonNull(knownApps, "knownApps is null");
  }

  /** Reads the waiting failovers now and then every {@code period}. */
  public void start(Duration period) {
    scheduler.scheduleWithFixedDelay(
        this::refreshQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sets each app's gauge from the failovers that wait for approval now. */
  void refresh() {
    Set<String> apps =
        client
            .listExecutions(QUERY)
            .map(AwaitingApproval::app)
            .filter(app -> app != null && !app.isBlank())
            .collect(Collectors.toSet());
    knownApps.get().forEach(this::gauge);
    apps.forEach(this::gauge);
    waiting.forEach((app, value) -> value.set(apps.contains(app) ? 1 : 0));
  }

  /** Logs a failure once, not every period, until the query succeeds again. */
  private void refreshQuietly() {
    try {
      refresh();
      lastProblem = null;
    } catch (RuntimeException e) {
      if (!e.toString().equals(lastProblem)) {
        lastProblem = e.toString();
        log.warn(
            "Could not list the failovers that await approval, so {} keeps its last values: {}",
            GAUGE,
            lastProblem);
      }
    }
  }

  private static String app(WorkflowExecutionMetadata execution) {
    return execution.getTypedSearchAttributes().get(SearchAttributes.FAILOVER_APP);
  }

  private void gauge(String app) {
    waiting.computeIfAbsent(
        app,
        a -> {
          AtomicInteger value = new AtomicInteger();
          Gauge.builder(GAUGE, value, AtomicInteger::get)
              .description("1 while a failover of the app waits for approval")
              .tag("app", a)
              .register(registry);
          return value;
        });
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
