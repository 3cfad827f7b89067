package dev.regionfailover.activities.fleet;

import static dev.regionfailover.activities.TestActivities.nonRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.EcsServiceRef;
import dev.regionfailover.workflows.estate.EventBridgeRuleRef;
import dev.regionfailover.workflows.estate.EventSourceMappingRef;
import dev.regionfailover.workflows.estate.Fleet;
import dev.regionfailover.workflows.estate.ScheduleRef;
import dev.regionfailover.workflows.fleet.AsgCapacity;
import dev.regionfailover.workflows.fleet.EcsCapacity;
import dev.regionfailover.workflows.fleet.EventSourceMappingState;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.fleet.FleetRequest;
import dev.regionfailover.workflows.fleet.RuleState;
import dev.regionfailover.workflows.fleet.ScheduleState;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.SuspendedProcess;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(AwsStackExtension.class)
class FleetActivitiesImplTest {

  private static final String REGION = "us-east-1";
  private static final String CLUSTER = "orders-use1";
  private static final String GROUP = "orders-batch-use1";
  private static final String FUNCTION = "orders-projector";
  private static final String RULE = "orders-nightly-settlement";
  private static final String SCHEDULE = "orders-invoice-run";
  private static final String SCHEDULE_GROUP = "default";
  private static final String BUS = "default";

  /** Every operation that changes a fleet resource. */
  private static final List<String> MUTATIONS =
      List.of(
          "UpdateService",
          "UpdateAutoScalingGroup",
          "SuspendProcesses",
          "ResumeProcesses",
          "UpdateEventSourceMapping",
          "EnableRule",
          "DisableRule",
          "UpdateSchedule");

  /** Every operation that reads a fleet resource. */
  private static final List<String> READS =
      List.of(
          "DescribeServices",
          "DescribeAutoScalingGroups",
          "ListEventSourceMappings",
          "DescribeRule",
          "GetSchedule");

  private AwsStack stack;
  private EmulatorClients emulator;
  private AwsClients clients;
  private FleetActivitiesImpl activities;
  private String queueArn;
  private String roleArn;
  private Fleet fleet;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) throws IOException {
    this.stack = stack;
    this.emulator = emulator;
    this.clients = EmulatedAws.clients(stack);
    this.activities =
        new FleetActivitiesImpl(clients, Duration.ofSeconds(5), Duration.ofMillis(100));
    ecs();
    autoScalingGroup();
    roleArn =
        emulator
            .iam()
            .createRole(
                b ->
                    b.roleName("orders-workers")
                        .assumeRolePolicyDocument(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Principal\":{\"Service\":[\"lambda.amazonaws.com\","
                                + "\"scheduler.amazonaws.com\"]},\"Action\":\"sts:AssumeRole\"}]}"))
            .role()
            .arn();
    queueArn = queue("orders-events");
    lambda();
    mapping(FUNCTION, queueArn);
    emulator
        .eventBridge(REGION)
        .putRule(
            b ->
                b.name(RULE)
                    .scheduleExpression("cron(0 2 * * ? *)")
                    .state(software.amazon.awssdk.services.eventbridge.model.RuleState.ENABLED));
    emulator
        .scheduler(REGION)
        .createSchedule(
            b ->
                b.name(SCHEDULE)
                    .groupName(SCHEDULE_GROUP)
                    .scheduleExpression("rate(1 hour)")
                    .scheduleExpressionTimezone("Europe/Berlin")
                    .description("bills every tenant once an hour")
                    .flexibleTimeWindow(
                        w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE).maximumWindowInMinutes(15))
                    .target(t -> t.arn(queueArn).roleArn(roleArn).input("{\"run\":\"invoices\"}"))
                    .state("ENABLED"));
    fleet =
        new Fleet(
            List.of(
                new EcsServiceRef(CLUSTER, "order-worker"), new EcsServiceRef(CLUSTER, "mailer")),
            List.of(GROUP),
            List.of(new EventSourceMappingRef(FUNCTION, queueArn)),
            List.of(new EventBridgeRuleRef(BUS, RULE)),
            List.of(new ScheduleRef(SCHEDULE_GROUP, SCHEDULE)));
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  @Test
  void snapshotReadsEveryKindOfWorker() {
    FleetCapacity capacity = activities.snapshot(new FleetRequest(REGION, fleet));

    assertThat(capacity)
        .isEqualTo(
            new FleetCapacity(
                REGION,
                List.of(
                    new EcsCapacity(CLUSTER, "order-worker", 3),
                    new EcsCapacity(CLUSTER, "mailer", 1)),
                List.of(new AsgCapacity(GROUP, 1, 4, 2, List.of("AZRebalance", "HealthCheck"))),
                List.of(new EventSourceMappingState(FUNCTION, queueArn, true)),
                List.of(new RuleState(BUS, RULE, true)),
                List.of(new ScheduleState(SCHEDULE_GROUP, SCHEDULE, true))));
  }

  @Test
  void stopAndRestoreReturnEveryKindExactlyToItsPriorState() {
    GetScheduleResponse scheduleBefore = schedule();
    FleetCapacity running = activities.snapshot(new FleetRequest(REGION, fleet));

    FleetCapacity stopped = activities.scale(running.stopped());

    assertThat(stopped).isEqualTo(running.stopped());
    assertThat(stopped.activeUnits()).isZero();
    assertThat(ecsService("order-worker").desiredCount()).isZero();
    AutoScalingGroup group = group();
    assertThat(group.desiredCapacity()).isZero();
    assertThat(group.maxSize()).isZero();
    // moto does run the group's instances, and terminates them when the group shrinks.
    assertThat(group.instances()).isEmpty();
    assertThat(suspended(group)).containsExactlyInAnyOrderElementsOf(AsgCapacity.FENCED_PROCESSES);
    assertThat(mappingState()).isEqualTo("Disabled");
    assertThat(ruleState()).isEqualTo("DISABLED");
    GetScheduleResponse scheduleStopped = schedule();
    assertThat(scheduleStopped.stateAsString()).isEqualTo("DISABLED");
    assertThatEverythingButTheStateIsKept(scheduleStopped, scheduleBefore);

    FleetCapacity restored = activities.scale(running);

    assertThat(restored).isEqualTo(running);
    assertThat(activities.snapshot(new FleetRequest(REGION, fleet))).isEqualTo(running);
    assertThat(ecsService("order-worker").desiredCount()).isEqualTo(3);
    assertThat(group().instances()).hasSize(2);
    assertThat(suspended(group())).containsExactlyInAnyOrder("AZRebalance", "HealthCheck");
    assertThat(mappingState()).isEqualTo("Enabled");
    assertThat(ruleState()).isEqualTo("ENABLED");
    GetScheduleResponse scheduleRestored = schedule();
    assertThat(scheduleRestored.stateAsString()).isEqualTo("ENABLED");
    assertThatEverythingButTheStateIsKept(scheduleRestored, scheduleBefore);
  }

  @Test
  void stoppingSuspendsOnlyWhatIsNotSuspendedAndResumesWhatTheFenceDoesNotList() {
    FleetCapacity running = activities.snapshot(new FleetRequest(REGION, fleet));
    Map<String, Long> before = mutations();

    activities.scale(running.stopped());

    Map<String, Long> after = mutations();
    for (String operation : MUTATIONS) {
      // One call per resource and change: both services run; the group suspends what the fence
      // lists and resumes HealthCheck, which it does not list.
      long expected =
          switch (operation) {
            case "UpdateService" -> 2;
            case "EnableRule" -> 0;
            default -> 1;
          };
      assertThat(after.get(operation) - before.get(operation)).as(operation).isEqualTo(expected);
    }
  }

  @Test
  void retriedScaleFindsTheWorkDoneAndChangesNothing() {
    FleetCapacity running = activities.snapshot(new FleetRequest(REGION, fleet));
    activities.scale(running.stopped());
    Map<String, Long> afterStop = mutations();

    assertThat(activities.scale(running.stopped())).isEqualTo(running.stopped());

    assertThat(mutations()).isEqualTo(afterStop);

    activities.scale(running);
    Map<String, Long> afterRestore = mutations();

    assertThat(activities.scale(running)).isEqualTo(running);

    assertThat(mutations()).isEqualTo(afterRestore);
  }

  @Test
  void throttledCallsAreRetriedAndEachChangeIsMadeExactlyOnce() {
    stack.standIn().faults().throttle(0.3);

    FleetCapacity running = activities.snapshot(new FleetRequest(REGION, fleet));
    Map<String, Long> before = mutations();
    FleetCapacity stopped = activities.scale(running.stopped());

    assertThat(stopped).isEqualTo(running.stopped());
    Map<String, Long> after = mutations();
    assertThat(after.get("UpdateService") - before.get("UpdateService")).isEqualTo(2);
    for (String operation :
        List.of(
            "UpdateAutoScalingGroup",
            "SuspendProcesses",
            "ResumeProcesses",
            "UpdateEventSourceMapping",
            "DisableRule",
            "UpdateSchedule")) {
      assertThat(after.get(operation) - before.get(operation)).as(operation).isEqualTo(1);
    }
    // The faults were real: requests of both kinds were refused and retried.
    assertThat(MUTATIONS.stream().mapToLong(stack.standIn()::rejected).sum()).isPositive();
    assertThat(READS.stream().mapToLong(stack.standIn()::rejected).sum()).isPositive();
    assertThat(mappingState()).isEqualTo("Disabled");
    assertThat(schedule().stateAsString()).isEqualTo("DISABLED");
  }

  @Test
  void onlyResourcesThatDifferAreUpdated() {
    FleetCapacity running = activities.snapshot(new FleetRequest(REGION, fleet));
    Map<String, Long> before = mutations();
    FleetCapacity desired =
        new FleetCapacity(
            REGION,
            List.of(
                new EcsCapacity(CLUSTER, "order-worker", 5), new EcsCapacity(CLUSTER, "mailer", 1)),
            running.autoScalingGroups(),
            running.eventSourceMappings(),
            List.of(new RuleState(BUS, RULE, false)),
            running.schedules());

    activities.scale(desired);

    Map<String, Long> after = mutations();
    assertThat(after.get("UpdateService") - before.get("UpdateService")).isEqualTo(1);
    assertThat(after.get("DisableRule") - before.get("DisableRule")).isEqualTo(1);
    assertThat(
            after.entrySet().stream()
                .filter(e -> !List.of("UpdateService", "DisableRule").contains(e.getKey()))
                .allMatch(e -> e.getValue().equals(before.get(e.getKey()))))
        .isTrue();
    assertThat(ecsService("order-worker").desiredCount()).isEqualTo(5);
    assertThat(ruleState()).isEqualTo("DISABLED");
  }

  @Test
  void missingServiceIsNonRetryable() {
    Fleet ghost = new Fleet(List.of(new EcsServiceRef(CLUSTER, "ghost")), null, null, null, null);

    ApplicationFailure failure =
        nonRetryable(() -> activities.snapshot(new FleetRequest(REGION, ghost)));

    assertThat(failure.getType()).isEqualTo(FleetActivitiesImpl.FLEET_RESOURCE_NOT_FOUND);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "ECS service ghost in cluster orders-use1 not found in us-east-1 (missing or deleted)");
  }

  @Test
  void missingClusterIsNonRetryable() {
    Fleet nowhere =
        new Fleet(
            List.of(new EcsServiceRef("orders-nowhere", "order-worker")), null, null, null, null);

    ApplicationFailure failure =
        nonRetryable(() -> activities.snapshot(new FleetRequest(REGION, nowhere)));

    assertThat(failure.getOriginalMessage())
        .startsWith(
            "DescribeServices on services [order-worker] in ECS cluster orders-nowhere in"
                + " us-east-1 failed: ClusterNotFoundException");
  }

  @Test
  void missingGroupIsNonRetryableAndNothingIsScaled() {
    Map<String, Long> before = mutations();
    FleetCapacity desired =
        new FleetCapacity(
            REGION,
            List.of(new EcsCapacity(CLUSTER, "order-worker", 0)),
            List.of(new AsgCapacity("orders-batch-usw2", 0, 0, 0, List.of())),
            null,
            null,
            null);

    ApplicationFailure failure = nonRetryable(() -> activities.scale(desired));

    assertThat(failure.getOriginalMessage())
        .isEqualTo("Auto Scaling group orders-batch-usw2 not found in us-east-1");
    assertThat(mutations()).isEqualTo(before);
  }

  @Test
  void missingEventSourceMappingNamesFunctionSourceAndRegion() {
    String otherQueue = queue("orders-other");
    Fleet missing =
        new Fleet(null, null, List.of(new EventSourceMappingRef(FUNCTION, otherQueue)), null, null);

    ApplicationFailure failure =
        nonRetryable(() -> activities.snapshot(new FleetRequest(REGION, missing)));

    assertThat(failure.getType()).isEqualTo(FleetActivitiesImpl.FLEET_RESOURCE_NOT_FOUND);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "no Lambda event source mapping of function orders-projector from "
                + otherQueue
                + " in us-east-1");
  }

  @Test
  void severalEventSourceMappingsForOneReferenceAreNonRetryable() {
    String second = mapping(FUNCTION, queueArn);
    Fleet ambiguous =
        new Fleet(null, null, List.of(new EventSourceMappingRef(FUNCTION, queueArn)), null, null);

    ApplicationFailure failure =
        nonRetryable(() -> activities.snapshot(new FleetRequest(REGION, ambiguous)));

    assertThat(failure.getType()).isEqualTo(FleetActivitiesImpl.FLEET_RESOURCE_AMBIGUOUS);
    assertThat(failure.getOriginalMessage())
        .startsWith(
            "2 Lambda event source mappings of function orders-projector from "
                + queueArn
                + " in us-east-1 (UUIDs [")
        .contains(second)
        .endsWith("]); the estate must name exactly one");
  }

  @Test
  void missingRuleAndScheduleAreNonRetryable() {
    Fleet rule =
        new Fleet(null, null, null, List.of(new EventBridgeRuleRef(BUS, "orders-gone")), null);
    Fleet schedule =
        new Fleet(null, null, null, null, List.of(new ScheduleRef(SCHEDULE_GROUP, "orders-gone")));

    ApplicationFailure ruleFailure =
        nonRetryable(() -> activities.snapshot(new FleetRequest(REGION, rule)));
    ApplicationFailure scheduleFailure =
        nonRetryable(() -> activities.snapshot(new FleetRequest(REGION, schedule)));

    assertThat(ruleFailure.getType()).isEqualTo(FleetActivitiesImpl.FLEET_RESOURCE_NOT_FOUND);
    assertThat(ruleFailure.getOriginalMessage())
        .isEqualTo("EventBridge rule orders-gone on event bus default not found in us-east-1");
    assertThat(scheduleFailure.getType()).isEqualTo(FleetActivitiesImpl.FLEET_RESOURCE_NOT_FOUND);
    assertThat(scheduleFailure.getOriginalMessage())
        .isEqualTo(
            "EventBridge Scheduler schedule orders-gone in group default not found in us-east-1");
  }

  private static void assertThatEverythingButTheStateIsKept(
      GetScheduleResponse actual, GetScheduleResponse expected) {
    assertThat(actual.scheduleExpression()).isEqualTo(expected.scheduleExpression());
    assertThat(actual.scheduleExpressionTimezone())
        .isEqualTo(expected.scheduleExpressionTimezone());
    assertThat(actual.description()).isEqualTo(expected.description());
    assertThat(actual.flexibleTimeWindow()).isEqualTo(expected.flexibleTimeWindow());
    assertThat(actual.target()).isEqualTo(expected.target());
    assertThat(actual.kmsKeyArn()).isEqualTo(expected.kmsKeyArn());
    assertThat(actual.endDate()).isEqualTo(expected.endDate());
  }

  private Map<String, Long> mutations() {
    return MUTATIONS.stream()
        .collect(
            Collectors.toMap(
                operation -> operation, operation -> stack.standIn().count(operation)));
  }

  private void ecs() {
    emulator.ecs(REGION).createCluster(b -> b.clusterName(CLUSTER));
    emulator
        .ecs(REGION)
        .registerTaskDefinition(
            b ->
                b.family("order-worker")
                    .containerDefinitions(c -> c.name("worker").image("orders:1").memory(256)));
    service("order-worker", 3);
    service("mailer", 1);
  }

  private void autoScalingGroup() {
    // Filtered, because listing all of moto's images takes seconds.
    String image =
        emulator
            .ec2(REGION)
            .describeImages(
                b -> b.owners("amazon").filters(f -> f.name("name").values("amzn2-ami-hvm-*")))
            .images()
            .get(0)
            .imageId();
    emulator
        .autoScaling(REGION)
        .createLaunchConfiguration(
            b -> b.launchConfigurationName("orders-batch").imageId(image).instanceType("t3.micro"));
    emulator
        .autoScaling(REGION)
        .createAutoScalingGroup(
            b ->
                b.autoScalingGroupName(GROUP)
                    .launchConfigurationName("orders-batch")
                    .minSize(1)
                    .maxSize(4)
                    .desiredCapacity(2)
                    .availabilityZones(REGION + "a"));
    // The group's own suspensions before any failover: one the fence also makes, one it does not.
    emulator
        .autoScaling(REGION)
        .suspendProcesses(
            b -> b.autoScalingGroupName(GROUP).scalingProcesses("AZRebalance", "HealthCheck"));
  }

  private String queue(String name) {
    String url = emulator.sqs(REGION).createQueue(b -> b.queueName(name)).queueUrl();
    return emulator
        .sqs(REGION)
        .getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  private void lambda() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("app.py"));
      out.write("def handler(event, context):\n    return None\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    emulator
        .lambda(REGION)
        .createFunction(
            b ->
                b.functionName(FUNCTION)
                    .runtime(Runtime.PYTHON3_12)
                    .role(roleArn)
                    .handler("app.handler")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip.toByteArray()))));
  }

  private String mapping(String function, String source) {
    return emulator
        .lambda(REGION)
        .createEventSourceMapping(
            b -> b.functionName(function).eventSourceArn(source).enabled(true))
        .uuid();
  }

  private void service(String name, int desired) {
    emulator
        .ecs(REGION)
        .createService(
            b ->
                b.cluster(CLUSTER)
                    .serviceName(name)
                    .taskDefinition("order-worker")
                    .desiredCount(desired));
  }

  private Service ecsService(String name) {
    return emulator
        .ecs(REGION)
        .describeServices(b -> b.cluster(CLUSTER).services(name))
        .services()
        .get(0);
  }

  private AutoScalingGroup group() {
    return emulator
        .autoScaling(REGION)
        .describeAutoScalingGroups(b -> b.autoScalingGroupNames(GROUP))
        .autoScalingGroups()
        .get(0);
  }

  private static List<String> suspended(AutoScalingGroup group) {
    return group.suspendedProcesses().stream().map(SuspendedProcess::processName).toList();
  }

  private String mappingState() {
    return emulator
        .lambda(REGION)
        .listEventSourceMappings(b -> b.functionName(FUNCTION).eventSourceArn(queueArn))
        .eventSourceMappings()
        .get(0)
        .state();
  }

  private String ruleState() {
    return emulator
        .eventBridge(REGION)
        .describeRule(b -> b.name(RULE).eventBusName(BUS))
        .stateAsString();
  }

  private GetScheduleResponse schedule() {
    return emulator.scheduler(REGION).getSchedule(b -> b.groupName(SCHEDULE_GROUP).name(SCHEDULE));
  }
}
