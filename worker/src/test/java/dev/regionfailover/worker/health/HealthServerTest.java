package dev.regionfailover.worker.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.activities.estate.EstateCatalog;
import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflowImpl;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's HTTP endpoints with the checks WorkerMain adds, over a worker of the in-process test
 * server: /healthz answers while the process runs, /readyz only once the worker polls with every
 * estate file valid and until it stops.
 */
class HealthServerTest {

  private static final Path EXAMPLE =
      Path.of("..", "deploy", "estates", "orders.yaml").toAbsolutePath().normalize();

  private final HttpClient http = HttpClient.newHttpClient();
  private final Readiness readiness = new Readiness();

  @TempDir Path estates;

  private TestWorkflowEnvironment env;
  private HealthServer server;

  @BeforeEach
  void setUp() throws Exception {
    Files.copy(EXAMPLE, estates.resolve("orders.yaml"));
    env = TestWorkflowEnvironment.newInstance();
    env.newWorker(RegionFailoverWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(RegionFailoverWorkflowImpl.class);
    server =
        HealthServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.loopback()),
            readiness,
            () -> "# TYPE up gauge\nup 1\n");
  }

  @AfterEach
  void tearDown() {
    server.close();
    env.close();
  }

  @Test
  void healthzAnswersWhileReadyzSaysTheWorkerIsStarting() {
    HttpResponse<String> health = get("/healthz");
    HttpResponse<String> ready = get("/readyz");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok\n");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).isEqualTo("starting: the worker has not finished starting\n");
  }

  @Test
  void readyzIs503BeforePollingThen200ThenStopping() {
    readiness.started(checks());
    HttpResponse<String> before = get("/readyz");
    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(before.body()).isEqualTo("polling: the worker has not started polling yet\n");

    env.start();
    HttpResponse<String> polling = get("/readyz");
    assertThat(polling.statusCode()).isEqualTo(200);
    assertThat(polling.body()).isEqualTo("ready\n");

    readiness.stopping("received SIGTERM");
    HttpResponse<String> stopping = get("/readyz");
    assertThat(stopping.statusCode()).isEqualTo(503);
    assertThat(stopping.body()).startsWith("stopping: received SIGTERM\n");
    assertThat(get("/healthz").statusCode()).isEqualTo(200);

    env.getWorkerFactory().shutdown();
    assertThat(get("/readyz").body()).contains("polling: the worker has stopped polling\n");
  }

  @Test
  void readyzIs503WhileAnEstateFileIsInvalid() throws IOException {
    Path broken = estates.resolve("payments.yaml");
    Files.writeString(broken, "app: payments\nregions: [us-east-1]\n");
    readiness.started(checks());
    env.start();

    HttpResponse<String> ready = get("/readyz");

    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body())
        .startsWith("estates: 1 invalid estate file(s) in " + estates.toAbsolutePath() + ": ")
        .contains("payments.yaml");
    Files.delete(broken);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsAreServedAsPrometheusTextAndOtherPathsAreNotFound() {
    HttpResponse<String> metrics = get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValue(HealthServer.PROMETHEUS_TEXT);
    assertThat(metrics.body()).isEqualTo("# TYPE up gauge\nup 1\n");
    assertThat(get("/metrics/extra").statusCode()).isEqualTo(404);
    assertThat(get("/").statusCode()).isEqualTo(404);
  }

  private List<ReadinessCheck> checks() {
    return WorkerChecks.of(
        env.getWorkflowServiceStubs(),
        "the test server",
        new EstateCatalog(estates),
        env.getWorkerFactory());
  }

  private HttpResponse<String> get(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
