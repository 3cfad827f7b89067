package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.ENTITIES;
import static dev.regionfailover.worker.FailoverEndToEndTest.ESTATES;
import static dev.regionfailover.worker.FailoverEndToEndTest.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.worker.health.HealthServer;
import dev.regionfailover.worker.health.Readiness;
import dev.regionfailover.worker.metrics.WorkerMetrics;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.client.WorkflowStub;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A planned failover on a worker wired as WorkerMain wires its metrics, with its HTTP server up:
 * scrapes /metrics while the failover waits for approval and after it ended, and checks that the
 * Temporal SDK's metrics, the failover's own and the AWS calls' moved. The last scrape is kept in
 * {@code target/metrics/planned-failover.prom} for reading the real names.
 */
@ExtendWith(AwsStackExtension.class)
class MetricsEndToEndTest {

  private static final Path SCRAPE = Path.of("target", "metrics", "planned-failover.prom");

  private WorkerMetrics metrics;
  private InProcessWorker worker;
  private HealthServer http;
  private int port;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws) throws Exception {
    new EstateProvisioner(aws)
        .provision(
            EstateParser.parse(Files.readString(ESTATES.resolve("orders.yaml")), "orders.yaml"),
            ENTITIES);
    stack.standIn().setPromotionDuration(Duration.ofSeconds(1));
    // Some throttling, which the SDK's retries absorb, so that the throttle and retry counters
    // move.
    stack.standIn().faults().throttle(0.2);
    metrics = new WorkerMetrics(Duration.ofMillis(200));
    worker = new InProcessWorker(stack, ESTATES, Duration.ofSeconds(30), metrics);
    Readiness readiness = new Readiness();
    port = FreePorts.loopback();
    http =
        HealthServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            readiness,
            metrics::scrape);
    readiness.started(worker.readinessChecks());
  }

  @AfterEach
  void tearDown() {
    worker.close();
    http.close();
    metrics.close();
  }

  @Test
  void aFailoverMovesTheSdkTheFailoverAndTheAwsMetrics() throws Exception {
    assertThat(Scrapes.get(port, "/readyz").statusCode()).isEqualTo(200);
    RegionFailoverWorkflow failover =
        worker.start(
            new FailoverRequest("orders", TARGET, FailoverMode.PLANNED, "metrics test", "carol"));
    FailoverEndToEndTest.awaitPhase(failover, Phase.AWAIT_APPROVAL);

    String waiting =
        awaitScrape(
            s ->
                Scrapes.sum(s, "region_failover_phase_seconds_count", "phase=\"FENCE\"")
                    .isPresent());
    assertThat(
            Scrapes.sum(
                waiting,
                "region_failover_aws_calls_total",
                "service=\"DynamoDB\"",
                "outcome=\"success\""))
        .as("DynamoDB calls of the ledger while waiting for approval\n%s", waiting)
        .hasValueSatisfying(count -> assertThat(count).isPositive());
    assertThat(Scrapes.sum(waiting, "region_failover_failovers_total")).isEmpty();

    failover.approvePromotion(new ApprovalSignal("alice", "metrics test"));
    FailoverResult result = WorkflowStub.fromTyped(failover).getResult(FailoverResult.class);
    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);

    String ended =
        awaitScrape(
            s ->
                Scrapes.sum(s, "region_failover_failovers_total", "outcome=\"COMPLETED\"")
                        .isPresent()
                    && Scrapes.sum(s, "temporal_workflow_completed_total").isPresent());
    Files.createDirectories(SCRAPE.getParent());
    Files.writeString(SCRAPE, ended);

    assertThat(
            Scrapes.sum(
                ended,
                "region_failover_failovers_total",
                "app=\"orders\"",
                "mode=\"PLANNED\"",
                "outcome=\"COMPLETED\""))
        .hasValue(1.0);
    for (Phase phase :
        new Phase[] {
          Phase.ASSESS,
          Phase.SHIFT,
          Phase.FENCE,
          Phase.AWAIT_APPROVAL,
          Phase.PROMOTE,
          Phase.REPIN,
          Phase.ACTIVATE,
          Phase.RECONCILE
        }) {
      assertThat(
              Scrapes.sum(
                  ended,
                  "region_failover_phase_seconds_count",
                  "app=\"orders\"",
                  "mode=\"PLANNED\"",
                  "phase=\"" + phase + "\""))
          .as("phase %s timed", phase)
          .hasValue(1.0);
    }
    assertThat(
            Scrapes.sum(
                ended,
                "region_failover_phase_seconds_bucket",
                "phase=\"AWAIT_APPROVAL\"",
                "le=\"+Inf\""))
        .as("phase durations are histograms")
        .hasValue(1.0);
    assertThat(
            Scrapes.sum(
                ended,
                "region_failover_waiting_seconds_count",
                "app=\"orders\"",
                "waiting_for=\"approval\""))
        .hasValue(1.0);
    assertThat(
            Scrapes.sum(
                ended,
                "region_failover_aws_calls_total",
                "service=\"RDS\"",
                "operation=\"SwitchoverGlobalCluster\"",
                "outcome=\"success\""))
        .hasValue(1.0);
    assertThat(Scrapes.sum(ended, "region_failover_aws_throttles_total"))
        .as("throttled attempts")
        .hasValueSatisfying(count -> assertThat(count).isPositive());
    assertThat(Scrapes.sum(ended, "region_failover_aws_retries_total"))
        .as("retried calls")
        .hasValueSatisfying(count -> assertThat(count).isPositive());
    assertThat(
            Scrapes.sum(
                ended, "temporal_workflow_completed_total", "workflow_type=\"RegionFailover\""))
        .hasValue(1.0);
    assertThat(Scrapes.sum(ended, "temporal_activity_execution_latency_seconds_count"))
        .hasValueSatisfying(count -> assertThat(count).isGreaterThan(10));
    assertThat(Scrapes.sum(ended, "temporal_workflow_task_execution_failed_total")).isEmpty();
  }

  /** Scrapes until {@code done} holds, for up to 30 s; the SDK reports its counters in batches. */
  private String awaitScrape(Predicate<String> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      HttpResponse<String> response = Scrapes.get(port, "/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      if (done.test(response.body())) {
        return response.body();
      }
      assertThat(System.nanoTime())
          .as("the scrape never matched:\n%s", response.body())
          .isLessThan(deadline);
      FailoverEndToEndTest.sleep(Duration.ofMillis(200));
    }
  }
}
