package dev.regionfailover.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollector;

/** How the AWS SDK's report of one API call becomes the worker's counters. */
class AwsCallMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AwsCallMetrics metrics = new AwsCallMetrics(registry);

  @Test
  void aCallThatSucceededAfterTwoThrottledAttemptsCountsOneSuccessTwoRetriesAndTwoThrottles() {
    metrics.publish(
        call("DynamoDB", "TransactWriteItems", true, 2, "Throttling", "Throttling", ""));

    assertThat(calls("DynamoDB", "TransactWriteItems", "success")).isEqualTo(1);
    assertThat(
            registry
                .counter(
                    AwsCallMetrics.RETRIES,
                    "service",
                    "DynamoDB",
                    "operation",
                    "TransactWriteItems")
                .count())
        .isEqualTo(2);
    assertThat(
            registry
                .counter(
                    AwsCallMetrics.THROTTLES,
                    "service",
                    "DynamoDB",
                    "operation",
                    "TransactWriteItems")
                .count())
        .isEqualTo(2);
  }

  @Test
  void aFailedCallIsCountedByHowItsLastAttemptFailed() {
    metrics.publish(call("RDS", "SwitchoverGlobalCluster", false, 3, "Throttling"));
    metrics.publish(call("RDS", "SwitchoverGlobalCluster", false, 3, "ServerError"));
    metrics.publish(callWithStatus("ECS", "UpdateService", 400));
    metrics.publish(callWithStatus("ECS", "UpdateService", 503));
    metrics.publish(call("SSM", "PutParameter", false, 1, "IO"));
    metrics.publish(call("SSM", "PutParameter", false, 0));

    assertThat(calls("RDS", "SwitchoverGlobalCluster", "throttled")).isEqualTo(1);
    assertThat(calls("RDS", "SwitchoverGlobalCluster", "server_error")).isEqualTo(1);
    assertThat(calls("ECS", "UpdateService", "client_error")).isEqualTo(1);
    assertThat(calls("ECS", "UpdateService", "server_error")).isEqualTo(1);
    assertThat(calls("SSM", "PutParameter", "io_error")).isEqualTo(2);
    assertThat(registry.find(AwsCallMetrics.THROTTLES).tag("service", "RDS").counter().count())
        .isEqualTo(1);
    assertThat(registry.find(AwsCallMetrics.RETRIES).tag("service", "SSM").counter().count())
        .isEqualTo(1);
  }

  private double calls(String service, String operation, String outcome) {
    return registry
        .counter(
            AwsCallMetrics.CALLS, "service", service, "operation", operation, "outcome", outcome)
        .count();
  }

  /** One call's report, with one attempt per error type given ("" for an attempt without one). */
  private static software.amazon.awssdk.metrics.MetricCollection call(
      String service, String operation, boolean successful, int retries, String... attemptErrors) {
    MetricCollector call = MetricCollector.create("ApiCall");
    call.reportMetric(CoreMetric.SERVICE_ID, service);
    call.reportMetric(CoreMetric.OPERATION_NAME, operation);
    call.reportMetric(CoreMetric.API_CALL_SUCCESSFUL, successful);
    call.reportMetric(CoreMetric.RETRY_COUNT, retries);
    for (String error : attemptErrors) {
      MetricCollector attempt = call.createChild("ApiCallAttempt");
      if (!error.isEmpty()) {
        attempt.reportMetric(CoreMetric.ERROR_TYPE, error);
      }
    }
    return call.collect();
  }

  private static software.amazon.awssdk.metrics.MetricCollection callWithStatus(
      String service, String operation, int status) {
    MetricCollector call = MetricCollector.create("ApiCall");
    call.reportMetric(CoreMetric.SERVICE_ID, service);
    call.reportMetric(CoreMetric.OPERATION_NAME, operation);
    call.reportMetric(CoreMetric.API_CALL_SUCCESSFUL, false);
    call.reportMetric(CoreMetric.RETRY_COUNT, 0);
    MetricCollector attempt = call.createChild("ApiCallAttempt");
    attempt.reportMetric(CoreMetric.ERROR_TYPE, "Other");
    attempt.reportMetric(HttpMetric.HTTP_STATUS_CODE, status);
    return call.collect();
  }
}
