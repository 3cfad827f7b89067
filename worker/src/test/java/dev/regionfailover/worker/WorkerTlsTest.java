package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.ESTATES;
import static dev.regionfailover.worker.FailoverEndToEndTest.SOURCE;
import static dev.regionfailover.worker.FailoverEndToEndTest.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devstack.tls.SecuredTemporal;
import dev.regionfailover.devstack.tls.TestCertificateAuthority;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker JVMs that reach the real Temporal dev server only through nginx terminating TLS, the way
 * they reach Temporal Cloud or a secured cluster: with a client certificate (mTLS) from a TOML
 * profile, or with an API key. Workers whose TLS settings cannot work refuse to start and say why.
 */
@ExtendWith(AwsStackExtension.class)
class WorkerTlsTest {

  private static final Pattern STARTED = Pattern.compile("Worker started");
  private static final Path LOGS = Path.of("target", "tls-test");
  private static final String API_KEY = "test-api-key-7f3a";

  @TempDir static Path files;

  private static SecuredTemporal secured;

  private final List<JavaProcess> workers = new ArrayList<>();
  private String logPrefix;

  @BeforeAll
  static void startProxies() {
    secured = SecuredTemporal.start(files, "failover-worker", API_KEY);
  }

  @AfterAll
  static void stopProxies() {
    if (secured != null) {
      secured.close();
    }
  }

  @AfterEach
  void stopWorkers() {
    workers.forEach(JavaProcess::close);
  }

  @Test
  void aWorkerConfiguredByAProfileRunsAFailoverThroughMutualTls(
      AwsStack stack, EmulatorClients aws, TestInfo test) throws Exception {
    logPrefix = test.getTestMethod().orElseThrow().getName();
    Estate estate =
        EstateParser.parse(Files.readString(ESTATES.resolve("orders.yaml")), "orders.yaml");
    new EstateProvisioner(aws).provision(estate, 40);
    Path config = profile(secured.mutualTlsProfile("secured"));
    JavaProcess worker =
        startWorker(
            stack,
            Map.of("TEMPORAL_CONFIG_FILE", config.toString(), "TEMPORAL_PROFILE", "secured"));
    worker.awaitLine(STARTED, Duration.ofSeconds(60));
    assertThat(worker.tail())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("Temporal " + secured.mutualTls().target())
                    .contains("TLS on")
                    .contains("authentication mTLS client certificate"));

    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(secured.server().target()).build());
    try {
      RegionFailoverWorkflow failover =
          Failovers.start(
              WorkflowClient.newInstance(service),
              new FailoverRequest("orders", TARGET, FailoverMode.PLANNED, "tls test", "carol"));
      FailoverEndToEndTest.awaitPhase(failover, Phase.AWAIT_APPROVAL);
      failover.approvePromotion(new ApprovalSignal("alice", "approved over mTLS"));
      FailoverResult result =
          WorkflowStub.fromTyped(failover).getResult(3, TimeUnit.MINUTES, FailoverResult.class);

      assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    } finally {
      service.shutdownNow();
    }
  }

  @Test
  void aWorkerWithoutAClientCertificateRefusesToStart(AwsStack stack, TestInfo test) {
    logPrefix = test.getTestMethod().orElseThrow().getName();
    JavaProcess worker =
        startWorker(
            stack,
            Map.of(
                "TEMPORAL_ADDRESS", secured.mutualTls().target(),
                "TEMPORAL_TLS_SERVER_CA_CERT_PATH", secured.ca().certificate().toString()));

    String refusal =
        worker.awaitLine(Pattern.compile("Cannot serve Temporal"), Duration.ofSeconds(60));

    assertThat(refusal)
        .contains("the server requires a TLS client certificate (mTLS) and none is configured");
    assertThat(exitCode(worker)).isNotZero();
  }

  @Test
  void aWorkerThatDoesNotTrustTheServerCertificateRefusesToStart(AwsStack stack, TestInfo test) {
    logPrefix = test.getTestMethod().orElseThrow().getName();
    TestCertificateAuthority otherCa =
        TestCertificateAuthority.create(
            secured.tools().openssl(), files.resolve("other"), "another CA");
    JavaProcess worker =
        startWorker(
            stack,
            Map.of(
                "TEMPORAL_ADDRESS", secured.mutualTls().target(),
                "TEMPORAL_TLS_CLIENT_CERT_PATH", secured.client().certificate().toString(),
                "TEMPORAL_TLS_CLIENT_KEY_PATH", secured.client().privateKey().toString(),
                "TEMPORAL_TLS_SERVER_CA_CERT_PATH", otherCa.certificate().toString()));

    String refusal =
        worker.awaitLine(Pattern.compile("Cannot serve Temporal"), Duration.ofSeconds(60));

    assertThat(refusal)
        .contains(
            "the server's TLS certificate is not trusted: it is not signed by the CA in "
                + otherCa.certificate());
    assertThat(exitCode(worker)).isNotZero();
  }

  @Test
  void theApiKeyArrivesAtTheServerAsABearerToken(AwsStack stack, TestInfo test) {
    logPrefix = test.getTestMethod().orElseThrow().getName();
    JavaProcess worker =
        startWorker(
            stack,
            Map.of(
                "TEMPORAL_ADDRESS", secured.apiKeyProxy().target(),
                "TEMPORAL_API_KEY", API_KEY,
                "TEMPORAL_TLS_SERVER_CA_CERT_PATH", secured.ca().certificate().toString()));

    worker.awaitLine(STARTED, Duration.ofSeconds(60));

    assertThat(secured.apiKeyProxy().authorizationHeaders()).contains("Bearer " + API_KEY);
    assertThat(worker.tail()).noneMatch(line -> line.contains(API_KEY));
    assertThat(worker.tail()).anyMatch(line -> line.contains("authentication API key"));
  }

  private static Path profile(String toml) throws IOException {
    return Files.writeString(Files.createTempFile(files, "temporal", ".toml"), toml);
  }

  private JavaProcess startWorker(AwsStack stack, Map<String, String> connection) {
    JavaProcess.Builder builder =
        JavaProcess.builder("dev.regionfailover.worker.WorkerMain")
            .classpath(JavaProcess.currentClasspath())
            .env("FAILOVER_HTTP_PORT", Integer.toString(FreePorts.loopback()))
            .env(
                "TEMPORAL_STICKY_TIMEOUT",
                secured.server().stickyScheduleToStartTimeout().toString())
            .env("FAILOVER_ESTATES_DIR", ESTATES.toString())
            .env("AWS_ENDPOINT_URL", stack.endpoint().toString())
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_REGION", SOURCE)
            .logFile(LOGS.resolve(logPrefix + "-worker-" + (workers.size() + 1) + ".log"));
    connection.forEach(builder::env);
    JavaProcess worker = builder.build();
    workers.add(worker);
    worker.start();
    return worker;
  }

  private static int exitCode(JavaProcess worker) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (worker.exitCode().isEmpty()) {
      assertThat(System.nanoTime()).as("the worker did not exit").isLessThan(deadline);
      FailoverEndToEndTest.sleep(Duration.ofMillis(100));
    }
    return worker.exitCode().get();
  }
}
