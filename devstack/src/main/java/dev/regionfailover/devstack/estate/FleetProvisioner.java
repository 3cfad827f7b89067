package dev.regionfailover.devstack.estate;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.EcsServiceRef;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.Fleet;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * Creates a region's fleet: its ECS services, with their clusters, and its Auto Scaling groups,
 * with their launch template. They run in the writer region and are scaled to zero elsewhere. Every
 * resource is created only when missing, so running twice changes nothing.
 */
final class FleetProvisioner {

  private static final int WRITER_TASKS = 2;

  private final EmulatorClients clients;

  FleetProvisioner(EmulatorClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  void provision(Estate estate, String region, boolean writer) {
    Fleet fleet = estate.fleet(region);
    for (EcsServiceRef ref : fleet.ecsServices()) {
      provisionService(estate, region, ref, writer);
    }
    if (fleet.autoScalingGroups().isEmpty()) {
      return;
    }
    String launchTemplate = launchTemplate(estate, region);
    AutoScalingClient autoScaling = clients.autoScaling(region);
    for (String group : fleet.autoScalingGroups()) {
      boolean exists =
          !autoScaling
              .describeAutoScalingGroups(r -> r.autoScalingGroupNames(group))
              .autoScalingGroups()
              .isEmpty();
      if (exists) {
        continue;
      }
      autoScaling.createAutoScalingGroup(
          r ->
              r.autoScalingGroupName(group)
                  .launchTemplate(t -> t.launchTemplateName(launchTemplate).version("$Latest"))
                  .availabilityZones(region + "a")
                  .minSize(writer ? 1 : 0)
                  .maxSize(writer ? 4 : 0)
                  .desiredCapacity(writer ? 2 : 0));
    }
  }

  private void provisionService(Estate estate, String region, EcsServiceRef ref, boolean writer) {
    EcsClient ecs = clients.ecs(region);
    boolean clusterExists =
        ecs.describeClusters(r -> r.clusters(ref.cluster())).clusters().stream()
            .anyMatch(cluster -> "ACTIVE".equals(cluster.status()));
    if (!clusterExists) {
      ecs.createCluster(r -> r.clusterName(ref.cluster()));
    }
    boolean exists =
        ecs
            .describeServices(r -> r.cluster(ref.cluster()).services(ref.service()))
            .services()
            .stream()
            .anyMatch(service -> "ACTIVE".equals(service.status()));
    if (exists) {
      return;
    }
    String taskDefinition =
        ecs.registerTaskDefinition(
                r ->
                    r.family(estate.app() + "-" + ref.service())
                        .containerDefinitions(
                            ContainerDefinition.builder()
                                .name(ref.service())
                                .image("busybox:1.36")
                                .memory(128)
                                .build()))
            .taskDefinition()
            .taskDefinitionArn();
    ecs.createService(
        r ->
            r.cluster(ref.cluster())
                .serviceName(ref.service())
                .taskDefinition(taskDefinition)
                .desiredCount(writer ? WRITER_TASKS : 0));
  }

  /** The launch template the estate's Auto Scaling groups in {@code region} start from. */
  private String launchTemplate(Estate estate, String region) {
    String name = estate.app() + "-fleet";
    Ec2Client ec2 = clients.ec2(region);
    boolean exists =
        !ec2.describeLaunchTemplates(
                r -> r.filters(f -> f.name("launch-template-name").values(name)))
            .launchTemplates()
            .isEmpty();
    if (!exists) {
      ec2.createLaunchTemplate(
          r ->
              r.launchTemplateName(name)
                  .launchTemplateData(d -> d.imageId("ami-12c6146b").instanceType("t3.micro")));
    }
    return name;
  }
}
