package dev.regionfailover.activities.fleet;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.estate.EcsServiceRef;
import dev.regionfailover.workflows.fleet.EcsCapacity;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;

/** The desired task counts of ECS services: what ECS has been told to run. */
final class EcsServices {

  private static final Logger log = LoggerFactory.getLogger(EcsServices.class);
  private static final int MAX_SERVICES_PER_CALL = 10;

  private final AwsClients clients;

  EcsServices(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  List<EcsCapacity> read(String region, List<EcsServiceRef> refs) {
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
            FleetActivitiesImpl.FLEET_RESOURCE_NOT_FOUND);
      }
      capacities.add(new EcsCapacity(ref.cluster(), ref.service(), service.desiredCount()));
    }
    return capacities;
  }

  /** Updates the services whose desired count differs from {@code current}, by position. */
  void apply(String region, List<EcsCapacity> desired, List<EcsCapacity> current) {
    for (int i = 0; i < desired.size(); i++) {
      EcsCapacity want = desired.get(i);
      EcsCapacity have = current.get(i);
      if (want.desiredCount() == have.desiredCount()) {
        continue;
      }
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

  static List<EcsServiceRef> refs(List<EcsCapacity> capacities) {
    return capacities.stream().map(s -> new EcsServiceRef(s.cluster(), s.service())).toList();
  }

  static String describe(String cluster, String service) {
    return "ECS service " + service + " in cluster " + cluster;
  }
}
