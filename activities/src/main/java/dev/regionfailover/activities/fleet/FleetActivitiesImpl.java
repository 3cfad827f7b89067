package dev.regionfailover.activities.fleet;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.estate.EcsServiceRef;
import dev.regionfailover.workflows.fleet.AsgCapacity;
import dev.regionfailover.workflows.fleet.EcsCapacity;
import dev.regionfailover.workflows.fleet.FleetActivities;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.fleet.FleetRequest;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * ECS services and Auto Scaling groups. Capacity is read and set as configuration (desired count,
 * group sizes): what AWS has been told to run, which is what a failover changes and restores.
 */
public final class FleetActivitiesImpl implements FleetActivities {

  /** Failure type when a service or group named by the estate does not exist. */
  public static final String FLEET_RESOURCE_NOT_FOUND = "FleetResourceNotFound";

  private static final Logger log = LoggerFactory.getLogger(FleetActivitiesImpl.class);
  private static final int MAX_SERVICES_PER_CALL = 10;
  private static final int MAX_GROUPS_PER_CALL = 50;

  private final AwsClients clients;

  @Inject
  public FleetActivitiesImpl(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  @Override
  public FleetCapacity snapshot(FleetRequest request) {
    FleetCapacity capacity =
        read(request.region(), request.fleet().ecsServices(), request.fleet().autoScalingGroups());
    log.info("Fleet of {}: {}", request.region(), capacity);
    return capacity;
  }

  @Override
  public FleetCapacity scale(FleetCapacity desired) {
    String region = desired.region();
    FleetCapacity current = read(region, serviceRefs(desired), groupNames(desired));
    for (int i = 0; i < desired.ecsServices().size(); i++) {
      EcsCapacity want = desired.ecsServices().get(i);
      EcsCapacity have = current.ecsServices().get(i);
      if (want.desiredCount() != have.desiredCount()) {
        AwsFailures.run(
            "UpdateService",
            describe(want.cluster(), want.service()),
            region,
            () ->
                clients
                    .ecs(region)
                    .updateService(
                        b ->
                            b.cluster(want.cluster())
                                .service(want.service())
                                .desiredCount(want.desiredCount())));
        log.info(
            "Set the desired count of {} in {} from {} to {}",
            describe(want.cluster(), want.service()),
            region,
            have.desiredCount(),
            want.desiredCount());
      }
    }
    for (int i = 0; i < desired.autoScalingGroups().size(); i++) {
      AsgCapacity want = desired.autoScalingGroups().get(i);
      AsgCapacity have = current.autoScalingGroups().get(i);
      if (!want.equals(have)) {
        AwsFailures.run(
            "UpdateAutoScalingGroup",
            "Auto Scaling group " + want.name(),
            region,
            () ->
                clients
                    .autoScaling(region)
                    .updateAutoScalingGroup(
                        b ->
                            b.autoScalingGroupName(want.name())
                                .minSize(want.minSize())
                                .maxSize(want.maxSize())
                                .desiredCapacity(want.desiredCapacity())));
        log.info("Set Auto Scaling group {} in {} from {} to {}", want.name(), region, have, want);
      }
    }
    FleetCapacity readBack = read(region, serviceRefs(desired), groupNames(desired));
    if (!readBack.equals(desired)) {
      throw ApplicationFailure.newFailure(
          "read back the fleet of "
              + region
              + " after scaling and found "
              + readBack
              + ", expected "
              + desired,
          "FleetReadBackMismatch");
    }
    return readBack;
  }

  private FleetCapacity read(String region, List<EcsServiceRef> services, List<String> groups) {
    return new FleetCapacity(region, services(region, services), groups(region, groups));
  }

  private List<EcsCapacity> services(String region, List<EcsServiceRef> refs) {
    Map<String, List<String>> byCluster =
        refs.stream()
            .collect(
                Collectors.groupingBy(
                    EcsServiceRef::cluster,
                    Collectors.mapping(EcsServiceRef::service, Collectors.toList())));
    Map<String, Service> found = new HashMap<>();
    byCluster.forEach(
        (cluster, names) -> {
          for (int from = 0; from < names.size(); from += MAX_SERVICES_PER_CALL) {
            List<String> chunk =
                names.subList(from, Math.min(names.size(), from + MAX_SERVICES_PER_CALL));
            DescribeServicesResponse response =
                AwsFailures.call(
                    "DescribeServices",
                    "services " + chunk + " in ECS cluster " + cluster,
                    region,
                    () ->
                        clients
                            .ecs(region)
                            .describeServices(b -> b.cluster(cluster).services(chunk)));
            // A deleted service is still described for a while, with status INACTIVE.
            response.services().stream()
                .filter(s -> !"INACTIVE".equals(s.status()))
                .forEach(s -> found.put(cluster + "/" + s.serviceName(), s));
          }
        });
    List<EcsCapacity> capacities = new ArrayList<>();
    for (EcsServiceRef ref : refs) {
      Service service = found.get(ref.cluster() + "/" + ref.service());
      if (service == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            describe(ref.cluster(), ref.service())
                + " not found in "
                + region
                + " (missing or deleted)",
            FLEET_RESOURCE_NOT_FOUND);
      }
      capacities.add(new EcsCapacity(ref.cluster(), ref.service(), service.desiredCount()));
    }
    return capacities;
  }

  private List<AsgCapacity> groups(String region, List<String> names) {
    Map<String, AutoScalingGroup> found = new HashMap<>();
    for (int from = 0; from < names.size(); from += MAX_GROUPS_PER_CALL) {
      List<String> chunk = names.subList(from, Math.min(names.size(), from + MAX_GROUPS_PER_CALL));
      AwsFailures.call(
              "DescribeAutoScalingGroups",
              "Auto Scaling groups " + chunk,
              region,
              () ->
                  clients
                      .autoScaling(region)
                      .describeAutoScalingGroups(b -> b.autoScalingGroupNames(chunk))
                      .autoScalingGroups())
          .forEach(g -> found.put(g.autoScalingGroupName(), g));
    }
    List<AsgCapacity> capacities = new ArrayList<>();
    for (String name : names) {
      AutoScalingGroup group = found.get(name);
      if (group == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            "Auto Scaling group " + name + " not found in " + region, FLEET_RESOURCE_NOT_FOUND);
      }
      capacities.add(
          new AsgCapacity(name, group.minSize(), group.maxSize(), group.desiredCapacity()));
    }
    return capacities;
  }

  private static List<EcsServiceRef> serviceRefs(FleetCapacity capacity) {
    return capacity.ecsServices().stream()
        .map(s -> new EcsServiceRef(s.cluster(), s.service()))
        .toList();
  }

  private static List<String> groupNames(FleetCapacity capacity) {
    return capacity.autoScalingGroups().stream().map(AsgCapacity::name).toList();
  }

  private static String describe(String cluster, String service) {
    return "ECS service " + service + " in cluster " + cluster;
  }
}
