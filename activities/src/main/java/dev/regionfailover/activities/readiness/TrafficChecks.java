package dev.regionfailover.activities.readiness;

import static dev.regionfailover.activities.readiness.Probes.probe;
import static dev.regionfailover.activities.readiness.ReadinessActivitiesImpl.CHECK_ARC;
import static dev.regionfailover.activities.readiness.ReadinessActivitiesImpl.CHECK_DETECTION_HEALTH_CHECK;
import static dev.regionfailover.activities.readiness.ReadinessActivitiesImpl.CHECK_GLOBAL_ACCELERATOR;
import static dev.regionfailover.activities.readiness.ReadinessActivitiesImpl.CHECK_ROUTE53_LAYER;
import static dev.regionfailover.activities.readiness.ReadinessActivitiesImpl.CHECK_ROUTE53_RECORD;
import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.dns.Route53Records;
import dev.regionfailover.activities.traffic.TrafficLayers;
import dev.regionfailover.workflows.estate.Route53Traffic;
import dev.regionfailover.workflows.estate.RoutingPolicy;
import dev.regionfailover.workflows.estate.Traffic;
import dev.regionfailover.workflows.estate.TrafficLayer;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.readiness.TrafficCheckRequest;
import dev.regionfailover.workflows.traffic.LayerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.NoSuchHealthCheckException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Whether every traffic layer and every health check the monitor samples answers. */
final class TrafficChecks {

  private final AwsClients clients;
  private final TrafficLayers traffic;
  private final Route53Records records;

  TrafficChecks(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
    this.traffic = new TrafficLayers(clients);
    this.records = new Route53Records(clients);
  }

  List<Finding> check(TrafficCheckRequest request) {
    List<Finding> findings = new ArrayList<>();
    Traffic layers = request.traffic();
    if (layers != null) {
      for (TrafficLayer layer : layers.layers()) {
        if (layer == TrafficLayer.ROUTE53 && layers.route53().routing() == RoutingPolicy.SIMPLE) {
          findings.add(simpleRecord(layers.route53()));
          continue;
        }
        for (String region : request.regions()) {
          findings.add(layer(layers, layer, region));
        }
      }
    }
    if (request.detection() != null) {
      request
          .detection()
          .healthChecks()
          .forEach((region, id) -> findings.add(healthCheck(region, id)));
    }
    return Probes.logged("Traffic", findings);
  }

  /** A SIMPLE record is repointed by DNS: it must exist for SHIFT to change it. */
  private Finding simpleRecord(Route53Traffic route53) {
    String resource =
        "CNAME "
            + Route53Records.absolute(route53.recordName())
            + " in zone "
            + route53.zone().describe();
    String expected = "exists; SHIFT points it at one of " + route53.targets();
    return probe(
        CHECK_ROUTE53_RECORD,
        resource,
        expected,
        () -> {
          List<ResourceRecordSet> found =
              records.cnames(records.zoneId(route53.zone()), route53.recordName());
          if (found.isEmpty()) {
            return Finding.fail(CHECK_ROUTE53_RECORD, resource, "no such record", expected);
          }
          String value =
              found.get(0).resourceRecords().isEmpty()
                  ? "no value"
                  : found.get(0).resourceRecords().get(0).value();
          return Finding.pass(CHECK_ROUTE53_RECORD, resource, "points at " + value, expected);
        });
  }

  /** One region of a layer, read as SHIFT reads it. */
  private Finding layer(Traffic layers, TrafficLayer layer, String region) {
    String check =
        switch (layer) {
          case ARC -> CHECK_ARC;
          case GLOBAL_ACCELERATOR -> CHECK_GLOBAL_ACCELERATOR;
          case ROUTE53 -> CHECK_ROUTE53_LAYER;
        };
    String resource = layerResource(layers, layer, region);
    String expected = "answers, so that SHIFT can set and read it back";
    return probe(
        check,
        resource,
        expected,
        () -> {
          Double value =
              traffic.read(new LayerRequest(layers, layer, List.of(region))).values().get(region);
          return Finding.pass(check, resource, describe(layers, layer, value), expected);
        });
  }

  private static String layerResource(Traffic layers, TrafficLayer layer, String region) {
    return switch (layer) {
      case ARC -> "routing control " + layers.arc().routingControls().get(region) + " of " + region;
      case GLOBAL_ACCELERATOR ->
          "endpoint group "
              + layers.globalAccelerator().endpointGroups().get(region)
              + " of "
              + region;
      case ROUTE53 ->
          layers.route53().routing() == RoutingPolicy.FAILOVER
              ? "health check " + layers.route53().healthChecks().get(region) + " of " + region
              : "weighted record "
                  + Route53Records.absolute(layers.route53().recordName())
                  + " ("
                  + region
                  + ")";
    };
  }

  private static String describe(Traffic layers, TrafficLayer layer, Double value) {
    boolean on = value != null && value > 0;
    return switch (layer) {
      case ARC -> on ? "On" : "Off";
      case GLOBAL_ACCELERATOR -> "traffic dial " + value + "%";
      case ROUTE53 ->
          layers.route53().routing() == RoutingPolicy.FAILOVER
              ? on ? "exists, not inverted" : "exists, inverted"
              : "weight " + (value == null ? "none" : Math.round(value));
    };
  }

  /**
   * A health check the monitor samples, read the way the monitor reads it: its status, which also
   * proves that Route 53's checkers report on it.
   */
  private Finding healthCheck(String region, String id) {
    return Probes.exists(
        CHECK_DETECTION_HEALTH_CHECK,
        "Route 53 health check " + id + " of " + region,
        "no such health check",
        () -> {
          try {
            int checkers =
                clients
                    .route53()
                    .getHealthCheckStatus(b -> b.healthCheckId(id))
                    .healthCheckObservations()
                    .size();
            return Optional.of("status reported by " + checkers + " checker(s)");
          } catch (NoSuchHealthCheckException e) {
            return Optional.empty();
          }
        });
  }
}
