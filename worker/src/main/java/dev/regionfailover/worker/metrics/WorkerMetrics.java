package dev.regionfailover.worker.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Duration;

/**
 * The worker's one metrics registry, scraped as Prometheus text: the Temporal SDK's metrics through
 * its Micrometer reporter, the failovers' own metrics (which the workflows emit through the same
 * SDK scope), and the AWS calls.
 */
public final class WorkerMetrics implements AutoCloseable {

  /** The prefix of every metric of this project, as Prometheus names it. */
  public static final String PREFIX = "region_failover_";

  /**
   * Phases and human waits last from seconds to hours; the histograms' buckets cover that range
   * instead of Micrometer's default of at most 30 s.
   */
  private static final Duration SHORTEST_PHASE = Duration.ofMillis(100);

  private static final Duration LONGEST_PHASE = Duration.ofHours(12);

  private final PrometheusMeterRegistry registry;
  private final Scope temporalScope;

  /**
   * @param reportEvery how often the SDK's buffered counters reach the registry
   */
  public WorkerMetrics(Duration reportEvery) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry
        .config()
        .meterFilter(MeterFilter.minExpected(PREFIX, SHORTEST_PHASE))
        .meterFilter(MeterFilter.maxExpected(PREFIX, LONGEST_PHASE));
    temporalScope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofMillis(reportEvery.toMillis()));
  }

  /** The scope to give the Temporal service stubs (or a test environment). */
  public Scope temporalScope() {
    return temporalScope;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Everything, in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  /** Reports what the SDK still buffers, then closes the registry. */
  @Override
  public void close() {
    try {
      temporalScope.close();
    } catch (ScopeCloseException e) {
      throw new IllegalStateException("closing the Temporal metrics scope failed", e);
    } finally {
      registry.close();
    }
  }
}
