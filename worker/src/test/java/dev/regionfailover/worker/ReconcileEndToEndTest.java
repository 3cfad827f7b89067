package dev.regionfailover.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.reconcile.ReconcileMarkdown;
import dev.regionfailover.workflows.reconcile.ReconcileOutcome;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflow;
import dev.regionfailover.workflows.reconcile.ReconcileReport;
import dev.regionfailover.workflows.reconcile.ReconcileRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ReconcileRegion with the real activities against the emulator, after an UNPLANNED failover from
 * us-east-1 to us-west-2 left conflicting items, stranded messages, an old primary outside its
 * global cluster and a stale ledger copy behind.
 */
@ExtendWith(AwsStackExtension.class)
class ReconcileEndToEndTest {

  private static final String OLD = "us-east-1";
  private static final String WRITER = "us-west-2";
  private static final String AUTHORITY = "failover-authority";

  private Estate estate;
  private EmulatorClients aws;
  private InProcessWorker worker;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws) throws Exception {
    this.aws = aws;
    estate =
        EstateParser.parse(
            Files.readString(FailoverEndToEndTest.ESTATES.resolve("orders.yaml")), "orders.yaml");
    new EstateProvisioner(aws).provision(estate, 0);
    stack.standIn().setPromotionDuration(Duration.ZERO);
    worker = new InProcessWorker(stack, FailoverEndToEndTest.ESTATES, Duration.ofSeconds(30));
  }

  @AfterEach
  void tearDown() {
    worker.close();
  }

  @Test
  void theReportListsConflictsStrandedMessagesAndTheOldPrimaryThatDidNotRejoin() {
    String oldCluster = estate.aurora().cluster(OLD);
    String newCluster = estate.aurora().cluster(WRITER);
    aws.rds(WRITER)
        .failoverGlobalCluster(
            b ->
                b.globalClusterIdentifier(estate.aurora().globalCluster())
                    .targetDbClusterIdentifier(newCluster)
                    .allowDataLoss(true));
    aws.standInApi().setDetached(estate.aurora().globalCluster(), oldCluster, true);
    ledger(WRITER, 3, "ACTIVE", WRITER);
    cart(OLD, "cart-1", 2, OLD);
    cart(WRITER, "cart-1", 2, WRITER);
    cart(OLD, "cart-2", 1, OLD);
    cart(WRITER, "cart-2", 1, OLD);
    send(OLD, "orders-fulfilment", 3);
    send(OLD, "orders-fulfilment-dlq", 2);

    ReconcileRegionWorkflow reconcile =
        worker
            .client()
            .newWorkflowStub(
                ReconcileRegionWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                    .setWorkflowId(ReconcileRegionWorkflow.workflowId("orders"))
                    .build());
    WorkflowClient.start(
        reconcile::run,
        new ReconcileRequest(
            "orders", OLD, null, System.currentTimeMillis() - 60_000, "failover-orders", "alice"));
    ReconcileReport report = WorkflowStub.fromTyped(reconcile).getResult(ReconcileReport.class);

    assertThat(report.writerRegion()).isEqualTo(WRITER);
    assertThat(report.outcome()).isEqualTo(ReconcileOutcome.NEEDS_ATTENTION);
    assertThat(report.recoveredBy()).startsWith("probe 1: ");
    List<Finding> findings =
        report.sections().stream().flatMap(s -> s.findings().stream()).toList();
    assertThat(findings)
        .extracting(Finding::check, Finding::resource, Finding::verdict)
        .contains(
            tuple("aurora-old-primary-rejoined", oldCluster, Verdict.FAIL),
            tuple("aurora-writer", "orders-global", Verdict.PASS),
            tuple("authority-ledger-copy", AUTHORITY + " in " + OLD, Verdict.PASS),
            tuple("dynamodb-conflicts", "orders-carts (us-east-1 vs us-west-2)", Verdict.FAIL),
            tuple("sqs-stranded", "orders-fulfilment in us-east-1", Verdict.WARN),
            tuple("sqs-redrive", "orders-fulfilment-dlq in us-east-1", Verdict.PASS));
    assertThat(report.conflicts())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.total()).isEqualTo(1);
              assertThat(c.listed().get(0).key()).isEqualTo("id=\"cart-1\"");
            });
    assertThat(report.backlogs())
        .filteredOn(b -> b.queue().equals("orders-fulfilment"))
        .singleElement()
        .satisfies(b -> assertThat(b.visible()).isEqualTo(3));
    assertThat(report.redrives())
        .singleElement()
        .satisfies(r -> assertThat(r.moved()).isEqualTo(2));

    // What the report claims, read back from AWS.
    assertThat(messages(WRITER, "orders-fulfilment")).isEqualTo(2);
    assertThat(messages(OLD, "orders-fulfilment-dlq")).isZero();
    assertThat(item(OLD, "authority").get("epoch").n()).isEqualTo("3");
    assertThat(item(OLD, "authority").get("writerRegion").s()).isEqualTo(WRITER);
    Map<String, AttributeValue> stored = item(WRITER, report.auditKey());
    assertThat(report.auditKey()).matches("reconcile#\\d{20}");
    String markdown = stored.get("markdown").s();
    assertThat(markdown)
        .isEqualTo(ReconcileMarkdown.render(report))
        .contains("**FAIL** aurora-old-primary-rejoined")
        .contains("**FAIL** dynamodb-conflicts")
        .contains("**WARN** sqs-stranded (orders-fulfilment in us-east-1)")
        .contains("**PASS** sqs-redrive")
        .contains("**PASS** authority-ledger-copy")
        .contains("**WARN** aurora-replication-lag");
    assertThat(stored.get("report").s()).contains("\"outcome\":\"NEEDS_ATTENTION\"");
  }

  private void ledger(String region, long epoch, String state, String writer) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS("orders"));
    item.put("sk", AttributeValue.fromS("authority"));
    item.put("epoch", AttributeValue.fromN(Long.toString(epoch)));
    item.put("state", AttributeValue.fromS(state));
    item.put("writerRegion", AttributeValue.fromS(writer));
    item.put("workflowId", AttributeValue.fromS("failover-orders"));
    item.put("updatedAt", AttributeValue.fromS("2026-01-01T00:00:00Z"));
    aws.dynamo(region).putItem(b -> b.tableName(AUTHORITY).item(item));
  }

  private void cart(String region, String id, int version, String writer) {
    aws.dynamo(region)
        .putItem(
            b ->
                b.tableName("orders-carts")
                    .item(
                        Map.of(
                            "id", AttributeValue.fromS(id),
                            "version", AttributeValue.fromN(Integer.toString(version)),
                            "lastWriterRegion", AttributeValue.fromS(writer))));
  }

  private void send(String region, String queue, int count) {
    String url = aws.sqs(region).getQueueUrl(b -> b.queueName(queue)).queueUrl();
    for (int i = 0; i < count; i++) {
      String body = queue + "-" + i;
      aws.sqs(region).sendMessage(b -> b.queueUrl(url).messageBody(body));
    }
  }

  private long messages(String region, String queue) {
    String url = aws.sqs(region).getQueueUrl(b -> b.queueName(queue)).queueUrl();
    return Long.parseLong(
        aws.sqs(region)
            .getQueueAttributes(
                b -> b.queueUrl(url).attributeNamesWithStrings("ApproximateNumberOfMessages"))
            .attributesAsStrings()
            .get("ApproximateNumberOfMessages"));
  }

  private Map<String, AttributeValue> item(String region, String sk) {
    return aws.dynamo(region)
        .getItem(
            b ->
                b.tableName(AUTHORITY)
                    .key(
                        Map.of(
                            "pk", AttributeValue.fromS("orders"), "sk", AttributeValue.fromS(sk))))
        .item();
  }
}
