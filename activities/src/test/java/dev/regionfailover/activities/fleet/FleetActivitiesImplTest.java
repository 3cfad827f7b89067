package dev.regionfailover.activities.fleet;

import static dev.regionfailover.activities.TestActivities.nonRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.EcsServiceRef;
import dev.regionfailover.workflows.estate.Fleet;
import dev.regionfailover.workflows.fleet.AsgCapacity;
import dev.regionfailover.workflows.fleet.EcsCapacity;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.fleet.FleetRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ecs.model.Service;

@ExtendWith(AwsStackExtension.class)
class FleetActivitiesImplTest {

  private static final String REGION = "us-east-1";
  private static final String CLUSTER = "orders-use1";
  private static final Fleet FLEET =
      new Fleet(
          List.of(new EcsServiceRef(CLUSTER, "order-worker"), new EcsServiceRef(CLUSTER, "mailer")),
          List.of("orders-batch-use1"));

  private AwsStack stack;
  private EmulatorClients emulator;
  private AwsClients clients;
  private FleetActivitiesImpl activities;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) {
    this.stack = stack;
    this.emulator = emulator;
    this.clients = EmulatedAws.clients(stack);
    this.activities = new FleetActivitiesImpl(clients);
    emulator.ecs(REGION).createCluster(b -> b.clusterName(CLUSTER));
    emulator
        .ecs(REGION)
        .registerTaskDefinition(
            b ->
                b.family("order-worker")
                    .containerDefinitions(c -> c.name("worker").image("orders:1").memory(256)));
    service("order-worker", 3);
    service("mailer", 1);
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
                b.autoScalingGroupName("orders-batch-use1")
                    .launchConfigurationName("orders-batch")
                    .minSize(1)
                    .maxSize(4)
                    .desiredCapacity(2)
                    .availabilityZones(REGION + "a"));
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  @Test
  void snapshotReadsEveryServiceAndGroup() {
    FleetCapacity capacity = activities.snapshot(new FleetRequest(REGION, FLEET));

    assertThat(capacity)
        .isEqualTo(
            new FleetCapacity(
                REGION,
                List.of(
                    new EcsCapacity(CLUSTER, "order-worker", 3),
                    new EcsCapacity(CLUSTER, "mailer", 1)),
                List.of(new AsgCapacity("orders-batch-use1", 1, 4, 2))));
  }

  @Test
  void stoppingAndRestoringChangesTheEmulatedFleet() {
    FleetCapacity running = activities.snapshot(new FleetRequest(REGION, FLEET));

    FleetCapacity stopped = activities.scale(running.stopped());

    assertThat(stopped).isEqualTo(running.stopped());
    assertThat(ecsService("order-worker").desiredCount()).isZero();
    // moto never starts ECS tasks, so runningCount is always 0 there; only the desired count shows.
    assertThat(ecsService("order-worker").runningCount()).isZero();
    AutoScalingGroup group = group();
    assertThat(group.desiredCapacity()).isZero();
    assertThat(group.maxSize()).isZero();
    // moto does run the group's instances, and terminates them when the group shrinks.
    assertThat(group.instances()).isEmpty();

    FleetCapacity restored = activities.scale(running);

    assertThat(restored).isEqualTo(running);
    assertThat(ecsService("order-worker").desiredCount()).isEqualTo(3);
    assertThat(group().instances()).hasSize(2);
  }

  @Test
  void retriedScaleFindsTheCapacitySetAndUpdatesNothing() {
    FleetCapacity stopped = activities.snapshot(new FleetRequest(REGION, FLEET)).stopped();
    activities.scale(stopped);
    long services = stack.standIn().count("UpdateService");
    long groups = stack.standIn().count("UpdateAutoScalingGroup");

    assertThat(activities.scale(stopped)).isEqualTo(stopped);

    assertThat(stack.standIn().count("UpdateService")).isEqualTo(services);
    assertThat(stack.standIn().count("UpdateAutoScalingGroup")).isEqualTo(groups);
  }

  @Test
  void onlyResourcesThatDifferAreUpdated() {
    long services = stack.standIn().count("UpdateService");
    long groups = stack.standIn().count("UpdateAutoScalingGroup");
    FleetCapacity desired =
        new FleetCapacity(
            REGION,
            List.of(
                new EcsCapacity(CLUSTER, "order-worker", 5), new EcsCapacity(CLUSTER, "mailer", 1)),
            List.of(new AsgCapacity("orders-batch-use1", 1, 4, 2)));

    activities.scale(desired);

    assertThat(stack.standIn().count("UpdateService")).isEqualTo(services + 1);
    assertThat(stack.standIn().count("UpdateAutoScalingGroup")).isEqualTo(groups);
    assertThat(ecsService("order-worker").desiredCount()).isEqualTo(5);
  }

  @Test
  void missingServiceIsNonRetryable() {
    Fleet fleet = new Fleet(List.of(new EcsServiceRef(CLUSTER, "ghost")), List.of());

    ApplicationFailure failure =
        nonRetryable(() -> activities.snapshot(new FleetRequest(REGION, fleet)));

    assertThat(failure.getType()).isEqualTo(FleetActivitiesImpl.FLEET_RESOURCE_NOT_FOUND);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "ECS service ghost in cluster orders-use1 not found in us-east-1 (missing or deleted)");
  }

  @Test
  void missingClusterIsNonRetryable() {
    Fleet fleet =
        new Fleet(List.of(new EcsServiceRef("orders-nowhere", "order-worker")), List.of());

    ApplicationFailure failure =
        nonRetryable(() -> activities.snapshot(new FleetRequest(REGION, fleet)));

    assertThat(failure.getOriginalMessage())
        .startsWith(
            "DescribeServices on services [order-worker] in ECS cluster orders-nowhere in"
                + " us-east-1 failed: ClusterNotFoundException");
  }

  @Test
  void missingGroupIsNonRetryableAndNothingIsScaled() {
    long services = stack.standIn().count("UpdateService");
    FleetCapacity desired =
        new FleetCapacity(
            REGION,
            List.of(new EcsCapacity(CLUSTER, "order-worker", 0)),
            List.of(new AsgCapacity("orders-batch-usw2", 0, 0, 0)));

    ApplicationFailure failure = nonRetryable(() -> activities.scale(desired));

    assertThat(failure.getOriginalMessage())
        .isEqualTo("Auto Scaling group orders-batch-usw2 not found in us-east-1");
    assertThat(stack.standIn().count("UpdateService")).isEqualTo(services);
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
        .describeAutoScalingGroups(b -> b.autoScalingGroupNames("orders-batch-use1"))
        .autoScalingGroups()
        .get(0);
  }
}
