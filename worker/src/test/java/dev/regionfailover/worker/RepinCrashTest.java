package dev.regionfailover.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.aws.RecordedOperations;
import dev.regionfailover.devstack.estate.PinnedEntities;
import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.devstack.temporal.TemporalServer;
import dev.regionfailover.workflows.estate.Pins;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflow;
import dev.regionfailover.workflows.pins.RepinPlan;
import dev.regionfailover.workflows.pins.RepinSummary;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Kills the worker JVM with SIGKILL in the middle of a re-pin and checks that a fresh worker
 * finishes it from the checkpoints: every entity moved exactly once, the audit trail accounts for
 * each, and the entity writes made stay within the entity count plus one page per segment. Prints
 * the time from the kill until the next step started, and fails when it took longer than {@link
 * Kills#LONGEST_HOLD}.
 */
@ExtendWith(AwsStackExtension.class)
class RepinCrashTest {

  private static final Pattern STARTED = Pattern.compile("Worker started");
  private static final Path LOGS = Path.of("target", "crash-test");
  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final String AUDIT = "failover-authority";
  private static final String PLAN = "repin-crash-test";
  private static final int ENTITIES = 4000;
  private static final Pins PINS =
      new Pins("orders-tenants", "homeRegion", "homeRegion-index", "version", 4, 99);

  private final List<JavaProcess> workers = new ArrayList<>();
  private TemporalServer temporal;
  private WorkflowServiceStubs service;
  private AwsStack stack;
  private PinnedEntities table;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws) {
    this.stack = stack;
    table = new PinnedEntities(aws, WEST, PINS);
    table.createTable();
    table.createAuditTable(AUDIT);
    table.seed(ENTITIES, EAST, 4);
    temporal = TemporalForTesting.server();
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
  }

  @AfterEach
  void tearDown() {
    workers.forEach(JavaProcess::close);
    service.shutdownNow();
    temporal.close();
  }

  @Test
  void aKilledWorkerResumesTheRepinFromItsCheckpoints() throws Exception {
    JavaProcess first = startWorker(1);
    WorkflowClient client = WorkflowClient.newInstance(service);
    RepinEntitiesWorkflow repin =
        client.newWorkflowStub(
            RepinEntitiesWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("repin-orders")
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .build());
    RepinPlan plan = new RepinPlan("orders", PINS, WEST, EAST, WEST, AUDIT, null, null, PLAN, 0);
    WorkflowClient.start(repin::run, plan);
    Kills kills = new Kills(client, "repin-orders");
    awaitUpdates(ENTITIES / 4);
    kills.kill(first, "REPIN, a quarter of the entities moved");
    long atKill = updates();
    assertThat(atKill).as("killed mid-re-pin").isLessThan(ENTITIES);

    startWorker(2);
    RepinSummary summary =
        WorkflowStub.fromTyped(repin).getResult(4, TimeUnit.MINUTES, RepinSummary.class);

    assertThat(summary.moved()).isEqualTo(ENTITIES);
    kills.report("aKilledWorkerResumesTheRepinFromItsCheckpoints");
    assertThat(summary.total()).isEqualTo(ENTITIES);
    Map<String, Map<String, AttributeValue>> items = table.items();
    assertThat(items).hasSize(ENTITIES);
    assertThat(items.values())
        .allSatisfy(
            item -> {
              assertThat(item.get("homeRegion").s()).isEqualTo(WEST);
              assertThat(item.get("version").n()).isEqualTo("2");
            });
    List<Map<String, AttributeValue>> records = table.auditRecords(AUDIT, "orders", PLAN);
    assertThat(records).allSatisfy(r -> assertThat(r.get("state").s()).isEqualTo("DONE"));
    assertThat(records.stream().mapToLong(r -> Long.parseLong(r.get("count").n())).sum())
        .isEqualTo(ENTITIES);
    assertThat(
            records.stream().flatMap(r -> r.get("keys").l().stream()).map(k -> k.m().get("id").s()))
        .hasSize(ENTITIES)
        .doesNotHaveDuplicates();
    assertThat(updates())
        .as("entity writes: the entities plus at most one page per segment")
        .isLessThanOrEqualTo(ENTITIES + (long) PINS.segments() * PINS.pageSize());
  }

  private long updates() {
    return stack.standIn().count(WEST, "UpdateItem");
  }

  private void awaitUpdates(long expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (updates() < expected) {
      assertThat(System.nanoTime())
          .as("fewer than %s entities moved within 90 s", expected)
          .isLessThan(deadline);
      FailoverEndToEndTest.sleep(Duration.ofMillis(20));
    }
  }

  private JavaProcess startWorker(int number) {
    JavaProcess worker =
        WorkerProcesses.builder(
                temporal.target(),
                temporal.stickyScheduleToStartTimeout(),
                stack.endpoint(),
                RecordedOperations.WORKER_ACCESS_KEY,
                LOGS.resolve("repin-worker-" + number + ".log"))
            .build();
    workers.add(worker);
    worker.start();
    worker.awaitLine(STARTED, Duration.ofSeconds(60));
    return worker;
  }
}
