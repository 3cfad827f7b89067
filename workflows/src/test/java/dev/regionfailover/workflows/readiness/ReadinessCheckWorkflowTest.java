package dev.regionfailover.workflows.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Report assembly and target resolution of ReadinessCheck, with mocked activities. */
class ReadinessCheckWorkflowTest {

  private static final String QUEUE = "readiness-test";
  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final String USE1 = "arn:aws:rds:us-east-1:123456789012:cluster:orders-use1";
  private static final String USW2 = "arn:aws:rds:us-west-2:123456789012:cluster:orders-usw2";

  private final EstateActivities estates =
      mock(EstateActivities.class, withSettings().withoutAnnotations());
  private final AuthorityActivities authority =
      mock(AuthorityActivities.class, withSettings().withoutAnnotations());
  private final AuroraActivities aurora =
      mock(AuroraActivities.class, withSettings().withoutAnnotations());
  private final GuardActivities guards =
      mock(GuardActivities.class, withSettings().withoutAnnotations());
  private final ReadinessActivities readiness =
      mock(ReadinessActivities.class, withSettings().withoutAnnotations());

  private TestWorkflowEnvironment env;
  private Estate estate;

  @BeforeEach
  void setUp() throws Exception {
    estate =
        EstateParser.parse(
            Files.readString(Path.of("..", "deploy", "estates", "orders.yaml")), "orders.yaml");
    env = TestWorkflowEnvironment.newInstance();
    TestSearchAttributes.registerIn(env);
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(ReadinessCheckWorkflowImpl.class);
    worker.registerActivitiesImplementations(estates, authority, aurora, guards, readiness);
    env.start();
    when(estates.load(any())).thenReturn(estate);
    when(authority.read(any()))
        .thenReturn(
            new AuthorityRecord("orders", EAST, 4, AuthorityState.ACTIVE, "failover-orders", null));
    when(aurora.describe(any())).thenReturn(topology(EAST));
    when(aurora.checkReadiness(any()))
        .thenReturn(List.of(Finding.pass("aurora-instances", USW2, "1 instances", "at least 1")));
    when(guards.check(any()))
        .thenReturn(List.of(Finding.pass("guard-schema-version", "/s", "42", "same")));
    when(readiness.capacity(any()))
        .thenReturn(List.of(Finding.pass("capacity-ecs-service", "svc", "0 vs 2", "0 or 2")));
    when(readiness.traffic(any()))
        .thenReturn(List.of(Finding.pass("traffic-arc-routing-control", "rc", "On", "answers")));
    when(readiness.resources(any()))
        .thenAnswer(
            call -> {
              ResourcesRequest request = call.getArgument(0);
              return List.of(
                  Finding.pass("exists-dynamodb-table", "t in " + request.region(), "ok", "ok"));
            });
    when(readiness.credentials(any()))
        .thenAnswer(
            call -> {
              CredentialsRequest request = call.getArgument(0);
              return Finding.pass("credentials", "sts in " + request.region(), "account", "ok");
            });
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void assemblesEveryCheckIntoOneReportAgainstTheOtherRegion() {
    ReadinessReport report = run(new ReadinessRequest("orders", null));

    assertThat(report.app()).isEqualTo("orders");
    assertThat(report.sourceRegion()).isEqualTo(EAST);
    assertThat(report.targetRegion()).isEqualTo(WEST);
    assertThat(report.ready()).isTrue();
    assertThat(report.checkedAtMillis()).isPositive();
    assertThat(report.findings())
        .extracting(Finding::check)
        .containsExactly(
            "writer-region",
            "aurora-instances",
            "guard-schema-version",
            "capacity-ecs-service",
            "traffic-arc-routing-control",
            "exists-dynamodb-table",
            "exists-dynamodb-table",
            "credentials",
            "credentials",
            "approvers-configured");
    assertThat(report.findings().get(0).observed())
        .isEqualTo("ledger: us-east-1 at epoch 4; Aurora: us-east-1 (" + USE1 + ")");
    verify(aurora)
        .checkReadiness(
            argThat(
                r ->
                    r.sourceRegion().equals(EAST)
                        && r.targetRegion().equals(WEST)
                        && !r.dataLossAllowed()));
    verify(readiness)
        .capacity(argThat(r -> r.sourceRegion().equals(EAST) && r.targetRegion().equals(WEST)));
  }

  @Test
  void withoutALedgerAurorasWriterIsTheSource() {
    when(authority.read(any())).thenReturn(AuthorityRecord.none("orders"));
    when(aurora.describe(any())).thenReturn(topology(WEST));

    ReadinessReport report = run(new ReadinessRequest("orders", ""));

    assertThat(report.sourceRegion()).isEqualTo(WEST);
    assertThat(report.targetRegion()).isEqualTo(EAST);
    assertThat(report.findings().get(0).verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void aLedgerThatDisagreesWithAuroraIsAFailFinding() {
    when(aurora.describe(any())).thenReturn(topology(WEST));

    ReadinessReport report = run(new ReadinessRequest("orders", null));

    assertThat(report.ready()).isFalse();
    Finding writer = report.findings().get(0);
    assertThat(writer.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(writer.observed())
        .isEqualTo("ledger: us-east-1 at epoch 4; Aurora: us-west-2 (" + USW2 + ")");
    assertThat(report.sourceRegion()).isEqualTo(EAST);
  }

  @Test
  void aCheckThatFailsIsAFailFindingNotAFailedWorkflow() {
    doThrow(ApplicationFailure.newNonRetryableFailure("credentials expired", "ExpiredToken"))
        .when(readiness)
        .credentials(argThat(r -> r.region().equals(WEST)));

    ReadinessReport report = run(new ReadinessRequest("orders", WEST));

    assertThat(report.ready()).isFalse();
    assertThat(report.findings())
        .filteredOn(f -> f.verdict() == Verdict.FAIL)
        .containsExactly(
            Finding.fail(
                "check-completed",
                "credentials in us-west-2",
                "the check failed: credentials expired",
                "the check completes"));
  }

  @Test
  void anUnknownAppFailsTheWorkflowNonRetryably() {
    when(estates.load(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure("no estate named billing", "UnknownApp"));

    ApplicationFailure failure = failure(new ReadinessRequest("billing", null));

    assertThat(failure.getType()).isEqualTo(ReadinessCheckWorkflowImpl.INVALID_REQUEST);
    assertThat(failure.getOriginalMessage())
        .isEqualTo("cannot check billing: no estate named billing");
    verify(readiness, never()).capacity(any());
  }

  @Test
  void aTargetOutsideTheEstateFailsTheWorkflow() {
    ApplicationFailure failure = failure(new ReadinessRequest("orders", "eu-west-1"));

    assertThat(failure.getType()).isEqualTo(ReadinessCheckWorkflowImpl.INVALID_REQUEST);
    assertThat(failure.getOriginalMessage())
        .isEqualTo("target region eu-west-1 is not a region of orders [us-east-1, us-west-2]");
  }

  @Test
  void theWriterAsTargetFailsTheWorkflow() {
    ApplicationFailure failure = failure(new ReadinessRequest("orders", EAST));

    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "us-east-1 is already the writer of orders; check a failover to one of [us-west-2]");
  }

  private ReadinessReport run(ReadinessRequest request) {
    return stub().run(request);
  }

  private ApplicationFailure failure(ReadinessRequest request) {
    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> stub().run(request));
    assertThat(failed).isNotNull();
    assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.isNonRetryable()).isTrue();
    return failure;
  }

  private ReadinessCheckWorkflow stub() {
    WorkflowClient client = env.getWorkflowClient();
    return client.newWorkflowStub(
        ReadinessCheckWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId("readiness-orders-" + System.nanoTime())
            .setTaskQueue(QUEUE)
            .build());
  }

  private static AuroraTopology topology(String writerRegion) {
    return new AuroraTopology(
        "orders-global",
        "available",
        List.of(
            new ClusterMember(USE1, EAST, writerRegion.equals(EAST)),
            new ClusterMember(USW2, WEST, writerRegion.equals(WEST))));
  }
}
