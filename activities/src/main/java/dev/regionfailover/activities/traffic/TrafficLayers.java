package dev.regionfailover.activities.traffic;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.dns.Route53Changes;
import dev.regionfailover.activities.dns.Route53Records;
import dev.regionfailover.workflows.estate.Route53Traffic;
import dev.regionfailover.workflows.estate.Traffic;
import dev.regionfailover.workflows.estate.TrafficLayer;
import dev.regionfailover.workflows.traffic.LayerRequest;
import dev.regionfailover.workflows.traffic.LayerState;
import io.temporal.failure.ApplicationFailure;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The traffic layers an estate configures, each reached through its {@link LayerControl}: for the
 * traffic activities, and for readiness, which must read a layer exactly as SHIFT will.
 */
public final class TrafficLayers {

  private static final Logger log = LoggerFactory.getLogger(TrafficLayers.class);

  private final AwsClients clients;
  private final Route53Records records;
  private final Route53Changes changes;
  private final Random random;

  /** Layers for reading only: a read never waits for a Route 53 change. */
  public TrafficLayers(AwsClients clients) {
    this(clients, Duration.ofSeconds(5), new SecureRandom());
  }

  /**
   * @param pollInterval how long to wait between looks at a Route 53 change not in sync yet
   * @param random orders the ARC cluster endpoints of each call
   */
  TrafficLayers(AwsClients clients, Duration pollInterval, Random random) {
    this.clients = requireNonNull(clients, "clients is null");
    this.records = new Route53Records(clients);
    this.changes = new Route53Changes(clients, pollInterval);
    this.random = requireNonNull(random, "random is null");
  }

  /** Each requested region's value of the layer, as AWS has it now; logged. */
  public LayerState read(LayerRequest request) {
    LayerControl control = control(request.traffic(), request.layer());
    Map<String, Double> values = control.read(List.copyOf(request.regions()));
    log.info("{}: {}", control.describe(), TrafficFailures.sorted(values));
    return new LayerState(request.traffic(), request.layer(), values);
  }

  LayerControl control(Traffic traffic, TrafficLayer layer) {
    requireNonNull(traffic, "traffic is null");
    requireNonNull(layer, "layer is null");
    return switch (layer) {
      case ARC -> {
        if (traffic.arc() == null) {
          throw notConfigured(layer);
        }
        yield new ArcRoutingControls(
            new ArcCluster(clients, traffic.arc().clusterEndpoints(), random), traffic.arc());
      }
      case GLOBAL_ACCELERATOR -> {
        if (traffic.globalAccelerator() == null) {
          throw notConfigured(layer);
        }
        yield new AcceleratorDials(clients, traffic.globalAccelerator());
      }
      case ROUTE53 -> route53(traffic.route53());
    };
  }

  private LayerControl route53(Route53Traffic route53) {
    if (route53 == null) {
      throw notConfigured(TrafficLayer.ROUTE53);
    }
    return switch (route53.routing()) {
      case WEIGHTED -> new WeightedRecords(records, changes, route53);
      case FAILOVER -> new FailoverHealthChecks(clients, route53);
      case SIMPLE ->
          throw ApplicationFailure.newNonRetryableFailure(
              "the SIMPLE Route 53 record "
                  + route53.recordName()
                  + " is repointed by DnsActivities, not by the traffic activities",
              TrafficFailures.UNSUPPORTED);
    };
  }

  private static ApplicationFailure notConfigured(TrafficLayer layer) {
    return ApplicationFailure.newNonRetryableFailure(
        "the estate configures no " + layer.key() + " traffic layer",
        TrafficFailures.NOT_CONFIGURED);
  }
}
