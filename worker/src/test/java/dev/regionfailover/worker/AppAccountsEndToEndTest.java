package dev.regionfailover.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.aws.RecordedOperation;
import dev.regionfailover.devstack.aws.RecordedOperations;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.readiness.ReadinessCheckWorkflow;
import dev.regionfailover.workflows.readiness.ReadinessReport;
import dev.regionfailover.workflows.readiness.ReadinessRequest;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Two apps that live in two AWS accounts, each provisioned in its own account only through a role
 * assumed there: the worker's readiness checks find each app's resources, which they could not with
 * the worker's own credentials or the other app's.
 */
@ExtendWith(AwsStackExtension.class)
class AppAccountsEndToEndTest {

  private static final String ORDERS_ACCOUNT = "111111111111";
  private static final String PAYMENTS_ACCOUNT = "222222222222";

  @TempDir Path estates;

  private InProcessWorker worker;
  private AwsStack stack;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws) throws Exception {
    this.stack = stack;
    String example = Files.readString(FailoverEndToEndTest.ESTATES.resolve("orders.yaml"));
    provision(aws, "orders", inAccount(example, ORDERS_ACCOUNT));
    provision(aws, "payments", inAccount(example.replace("orders", "payments"), PAYMENTS_ACCOUNT));
    worker = new InProcessWorker(stack, estates, Duration.ofSeconds(30));
  }

  @AfterEach
  void tearDown() {
    worker.close();
  }

  @Test
  void eachAppIsCheckedWithItsOwnAccountsCredentials(EmulatorClients aws) {
    assertThat(aws.dynamo("us-east-1").listTables().tableNames())
        .as("the worker's own account has none of the apps' resources")
        .isEmpty();

    ReadinessReport orders = check("orders");
    ReadinessReport payments = check("payments");

    for (ReadinessReport report : java.util.List.of(orders, payments)) {
      assertThat(report.findings())
          .allSatisfy(f -> assertThat(f.verdict()).as(f.describe()).isEqualTo(Verdict.PASS));
      assertThat(report.ready()).isTrue();
    }
    Set<RecordedOperation> operations = stack.standIn().recordedOperations();
    assertThat(operations)
        .filteredOn(o -> o.accessKey().equals(RecordedOperations.WORKER_ACCESS_KEY))
        .as("the worker's own credentials only assume the apps' roles")
        .extracting(RecordedOperation::action)
        .containsOnly("sts:AssumeRole");
    Set<String> ordersKeys = keysOnResourcesOf(operations, "orders");
    Set<String> paymentsKeys = keysOnResourcesOf(operations, "payments");
    assertThat(ordersKeys).isNotEmpty().doesNotContainAnyElementsOf(paymentsKeys);
    assertThat(paymentsKeys).isNotEmpty();
  }

  /** Writes the estate for the worker, and creates its resources in its own account. */
  private void provision(EmulatorClients aws, String app, String estate) throws Exception {
    Files.writeString(estates.resolve(app + ".yaml"), estate);
    String account = app.equals("orders") ? ORDERS_ACCOUNT : PAYMENTS_ACCOUNT;
    try (StsAssumeRoleCredentialsProvider role =
            StsAssumeRoleCredentialsProvider.builder()
                .stsClient(aws.sts("us-east-1"))
                .refreshRequest(r -> r.roleArn(role(account)).roleSessionName("provisioning"))
                .build();
        EmulatorClients inAccount = new EmulatorClients(aws.endpoint(), role)) {
      new EstateProvisioner(inAccount).provision(EstateParser.parse(estate, app + ".yaml"), 0);
    }
  }

  private ReadinessReport check(String app) {
    return worker
        .client()
        .newWorkflowStub(
            ReadinessCheckWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("readiness-" + app)
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .build())
        .run(new ReadinessRequest(app, null));
  }

  /** The access keys of the worker's calls on resources whose ARN names {@code app}. */
  private static Set<String> keysOnResourcesOf(Set<RecordedOperation> operations, String app) {
    return operations.stream()
        .filter(o -> !o.accessKey().equals(RecordedOperations.WORKER_ACCESS_KEY))
        .filter(o -> o.resource().contains(app))
        .map(RecordedOperation::accessKey)
        .collect(Collectors.toSet());
  }

  private static String inAccount(String estate, String account) {
    return estate.replace("123456789012", account)
        + "\naws:\n  roleArn: "
        + role(account)
        + "\n  externalId: region-failover-"
        + account
        + "\n";
  }

  private static String role(String account) {
    return "arn:aws:iam::" + account + ":role/region-failover";
  }
}
