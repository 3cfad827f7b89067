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
import dev.regionfailover.workflows.traffic.TrafficActivities;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and moves weighted and failover Route 53 records, ARC routing controls and Global
 * Accelerator dials. A change raises the regions that gain traffic before it lowers the others, so
 * that some region takes traffic at every moment, and is read back before it counts as done. A
 * simple Route 53 record is {@code DnsActivities}' job.
 */
public final class TrafficActivitiesImpl implements TrafficActivities {

  private static final Logger log = LoggerFactory.getLogger(TrafficActivitiesImpl.class);

  private final AwsClients clients;
  private final Route53Records records;
  private final Route53Changes changes;
  private final Random random;

  @Inject
  public TrafficActivitiesImpl(AwsClients clients) {
    this(clients, Duration.ofSeconds(5), new SecureRandom());
  }

  /**
   * @param pollInterval how long to wait between looks at a Route 53 change not in sync yet
   * @param random orders the ARC cluster endpoints of each call
   */
  public TrafficActivitiesImpl(AwsClients clients, Duration pollInterval, Random random) {
    this.clients = requireNonNull(clients, "clients is null");
    this.records = new Route53Records(clients);
    this.changes = new Route53Changes(clients, pollInterval);
    this.random = requireNonNull(random, "random is null");
  }

  @Override
  public LayerState read(LayerRequest request) {
    LayerControl control = control(request.traffic(), request.layer());
    Map<String, Double> values = control.read(List.copyOf(request.regions()));
    log.info("{}: {}", control.describe(), TrafficFailures.sorted(values));
    return new LayerState(request.traffic(), request.layer(), values);
  }

  @Override
  public LayerState apply(LayerState desired) {
    LayerControl control = control(desired.traffic(), desired.layer());
    Map<String, Double> wanted = TrafficFailures.sorted(desired.values());
    if (desired.allOff()) {
      throw ApplicationFailure.newNonRetryableFailure(
          control.describe()
              + ": an update that would turn all off is refused: "
              + wanted
              + " leaves no region taking traffic",
          TrafficFailures.SAFETY_RULE);
    }
    wanted.forEach(control::check);
    List<String> regions = List.copyOf(wanted.keySet());
    Map<String, Double> current = control.read(regions);
    Map<String, Double> raise = new TreeMap<>();
    Map<String, Double> lower = new TreeMap<>();
    wanted.forEach(
        (region, value) -> {
          double now = current.get(region);
          if (value > now) {
            raise.put(region, value);
          } else if (value < now) {
            lower.put(region, value);
          }
        });
    if (raise.isEmpty() && lower.isEmpty()) {
      log.info("{} already {}; nothing to change", control.describe(), wanted);
      return new LayerState(desired.traffic(), desired.layer(), current);
    }
    log.info(
        "{}: {} -> {}; raising {} before lowering {}",
        control.describe(),
        TrafficFailures.sorted(current),
        wanted,
        raise,
        lower);
    // Raising first keeps a region taking traffic throughout: when the raise and the lower were
    // one change, a partial failure or a reader in between could see every region off.
    if (!raise.isEmpty()) {
      control.set(raise);
    }
    if (!lower.isEmpty()) {
      control.set(lower);
    }
    Map<String, Double> readBack = control.read(regions);
    if (!readBack.equals(wanted)) {
      throw ApplicationFailure.newFailure(
          "read back "
              + control.describe()
              + " after the change and found "
              + TrafficFailures.sorted(readBack)
              + ", expected "
              + wanted,
          TrafficFailures.READ_BACK_MISMATCH);
    }
    return new LayerState(desired.traffic(), desired.layer(), readBack);
  }

  private LayerControl control(Traffic traffic, TrafficLayer layer) {
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
