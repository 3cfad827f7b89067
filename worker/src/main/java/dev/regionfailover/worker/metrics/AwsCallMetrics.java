package dev.regionfailover.worker.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts every AWS API call the worker makes, as the AWS SDK reports it once the call has ended: by
 * service, operation and outcome, with the retries and the throttled attempts it took.
 */
public final class AwsCallMetrics implements MetricPublisher {

  static final String CALLS = WorkerMetrics.PREFIX + "aws_calls";
  static final String RETRIES = WorkerMetrics.PREFIX + "aws_retries";
  static final String THROTTLES = WorkerMetrics.PREFIX + "aws_throttles";

  /** The SDK's names of an attempt's error types ({@code CoreMetric.ERROR_TYPE}). */
  private static final String THROTTLING = "Throttling";

  private static final String SERVER_ERROR = "ServerError";
  private static final String ATTEMPT = "ApiCallAttempt";

  private final MeterRegistry registry;

  public AwsCallMetrics(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry is null");
  }

  @Override
  public void publish(MetricCollection call) {
    String service = first(call.metricValues(CoreMetric.SERVICE_ID), "unknown");
    String operation = first(call.metricValues(CoreMetric.OPERATION_NAME), "unknown");
    List<MetricCollection> attempts = call.childrenWithName(ATTEMPT).toList();
    registry
        .counter(
            CALLS, "service", service, "operation", operation, "outcome", outcome(call, attempts))
        .increment();
    int retries = first(call.metricValues(CoreMetric.RETRY_COUNT), 0);
    if (retries > 0) {
      registry.counter(RETRIES, "service", service, "operation", operation).increment(retries);
    }
    long throttled =
        attempts.stream()
            .filter(attempt -> attempt.metricValues(CoreMetric.ERROR_TYPE).contains(THROTTLING))
            .count();
    if (throttled > 0) {
      registry.counter(THROTTLES, "service", service, "operation", operation).increment(throttled);
    }
  }

  /**
   * {@code success}, or how the last attempt failed: {@code throttled}, {@code server_error},
   * {@code client_error} (an HTTP 4xx answer other than throttling) or {@code io_error} (no answer:
   * a refused connection or a timeout).
   */
  static String outcome(MetricCollection call, List<MetricCollection> attempts) {
    if (first(call.metricValues(CoreMetric.API_CALL_SUCCESSFUL), false)) {
      return "success";
    }
    if (attempts.isEmpty()) {
      return "io_error";
    }
    MetricCollection last = attempts.get(attempts.size() - 1);
    String error = first(last.metricValues(CoreMetric.ERROR_TYPE), "");
    int status = first(last.metricValues(HttpMetric.HTTP_STATUS_CODE), 0);
    if (error.equals(THROTTLING)) {
      return "throttled";
    }
    if (error.equals(SERVER_ERROR) || status >= 500) {
      return "server_error";
    }
    if (status >= 400) {
      return "client_error";
    }
    return "io_error";
  }

  private static <T> T first(List<T> values, T otherwise) {
    return values.isEmpty() ? otherwise : values.get(0);
  }

  @Override
  public void close() {}
}
