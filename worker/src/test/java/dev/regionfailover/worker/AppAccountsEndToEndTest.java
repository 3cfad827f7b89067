package dev.regionfailover.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.aws.RecordedOperation;
import dev.regionfailover.devstack.aws.RecordedOperations;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.readiness.ReadinessCheckWorkflow;
import dev.regionfailover.workflows.readiness.ReadinessReport;
import dev.regionfailover.workflows.readiness.ReadinessRequest;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Two apps that live in two AWS accounts, each provisioned in its own account only, through a role
 * assumed there. The worker finds and changes each app's resources, which it could not with its own
 * credentials or with the other app's: the worker's own key only assumes the roles, and no key
 * touches both apps' resources.
 */
@ExtendWith(AwsStackExtension.class)
class AppAccountsEndToEndTest {

  private static final Map<String, String> ACCOUNTS =
      Map.of("orders", "111111111111", "payments", "222222222222");
  private static final String TARGET = "us-west-2";

  @TempDir Path estates;

  private final Map<String, Estate> parsed = new LinkedHashMap<>();
  private final Map<String, StsAssumeRoleCredentialsProvider> roles = new LinkedHashMap<>();
  private final Map<String, EmulatorClients> inAccount = new LinkedHashMap<>();
  private InProcessWorker worker;
  private AwsStack stack;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws) throws Exception {
    this.stack = stack;
    String example = Files.readString(FailoverEndToEndTest.ESTATES.resolve("orders.yaml"));
    provision(aws, "orders", example);
    provision(aws, "payments", example.replace("orders", "payments"));
    worker = new InProcessWorker(stack, estates, Duration.ofSeconds(30));
  }

  @AfterEach
  void tearDown() {
    worker.close();
    inAccount.values().forEach(EmulatorClients::close);
    roles.values().forEach(StsAssumeRoleCredentialsProvider::close);
  }

  @Test
  void eachAppIsCheckedWithItsOwnAccountsCredentials(EmulatorClients aws) {
    assertThat(aws.dynamo("us-east-1").listTables().tableNames())
        .as("the worker's own account has none of the apps' resources")
        .isEmpty();

    for (String app : ACCOUNTS.keySet()) {
      ReadinessReport report = check(app);

      assertThat(report.findings())
          .allSatisfy(f -> assertThat(f.verdict()).as(f.describe()).isEqualTo(Verdict.PASS));
      assertThat(report.ready()).isTrue();
    }
    assertCallsWereMadeInEachAppsAccount();
  }

  @Test
  void bothAppsFailOverAtOnceEachInItsOwnAccount() {
    List<RegionFailoverWorkflow> failovers =
        ACCOUNTS.keySet().stream()
            .map(
                app ->
                    worker.start(
                        new FailoverRequest(
                            app, TARGET, FailoverMode.DRILL, "two accounts", "carol")))
            .toList();

    for (RegionFailoverWorkflow failover : failovers) {
      FailoverResult result = WorkflowStub.fromTyped(failover).getResult(FailoverResult.class);
      assertThat(result.outcome()).as(result.app()).isEqualTo(Phase.COMPLETED);
    }
    for (String app : ACCOUNTS.keySet()) {
      Estate estate = parsed.get(app);
      EstateState state = new EstateState(inAccount.get(app), estate);
      assertThat(state.auroraWriter()).as(app).isEqualTo(estate.aurora().cluster(TARGET));
      for (String region : estate.regions()) {
        assertThat(state.epoch(region)).as("%s ledger in %s", app, region).isEqualTo(3);
      }
      assertThat(state.routingControl(TARGET)).as(app).isEqualTo("On");
    }
    assertCallsWereMadeInEachAppsAccount();
  }

  private void assertCallsWereMadeInEachAppsAccount() {
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

  /** Writes the app's estate for the worker, and creates its resources in its own account. */
  private void provision(EmulatorClients aws, String app, String example) throws Exception {
    String account = ACCOUNTS.get(app);
    String estate =
        example.replace("123456789012", account)
            + "\naws:\n  roleArn: "
            + role(account)
            + "\n  externalId: region-failover-"
            + account
            + "\n";
    Files.writeString(estates.resolve(app + ".yaml"), estate);
    parsed.put(app, EstateParser.parse(estate, app + ".yaml"));
    StsAssumeRoleCredentialsProvider assumed =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(aws.sts("us-east-1"))
            .refreshRequest(r -> r.roleArn(role(account)).roleSessionName("provisioning"))
            .build();
    roles.put(app, assumed);
    EmulatorClients clients = new EmulatorClients(aws.endpoint(), assumed);
    inAccount.put(app, clients);
    new EstateProvisioner(clients).provision(parsed.get(app), 0);
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

  /**
   * The access keys of the worker's calls on resources whose ARN names {@code app}; the stand-in
   * names every resource in moto's default account, so the app's name tells them apart.
   */
  private static Set<String> keysOnResourcesOf(Set<RecordedOperation> operations, String app) {
    return operations.stream()
        .filter(o -> !o.accessKey().equals(RecordedOperations.WORKER_ACCESS_KEY))
        .filter(o -> o.resource().contains(app))
        .map(RecordedOperation::accessKey)
        .collect(Collectors.toSet());
  }

  private static String role(String account) {
    return "arn:aws:iam::" + account + ":role/region-failover";
  }
}
