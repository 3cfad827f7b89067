package dev.regionfailover.activities.traffic;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.activities.dns.Route53Records;
import dev.regionfailover.workflows.estate.Route53Traffic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.model.HealthCheck;

/**
 * The health checks of a Route 53 failover pair, one per region: a region's value is 1 while its
 * check is not inverted and 0 while it is, which makes Route 53 see it unhealthy and fail over.
 */
final class FailoverHealthChecks implements LayerControl {

  private static final Logger log = LoggerFactory.getLogger(FailoverHealthChecks.class);

  /** Another change of the check got in between our read and our update; a retry re-reads. */
  private static final Set<String> CONCURRENT_UPDATE = Set.of("HealthCheckVersionMismatch");

  private final AwsClients clients;
  private final Route53Traffic traffic;

  FailoverHealthChecks(AwsClients clients, Route53Traffic traffic) {
    this.clients = requireNonNull(clients, "clients is null");
    this.traffic = requireNonNull(traffic, "traffic is null");
  }

  @Override
  public String describe() {
    return "failover health checks of "
        + Route53Records.absolute(traffic.recordName())
        + " in zone "
        + traffic.zone().describe();
  }

  @Override
  public void check(String region, double value) {
    TrafficFailures.onOrOff(describe(), region, value);
    healthCheckId(region);
  }

  @Override
  public Map<String, Double> read(List<String> regions) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String region : regions) {
      values.put(
          region,
          Boolean.TRUE.equals(healthCheck(region).healthCheckConfig().inverted()) ? 0.0 : 1.0);
    }
    return values;
  }

  @Override
  public void set(Map<String, Double> values) {
    values.forEach(
        (region, value) -> {
          String id = healthCheckId(region);
          // The version read makes the update conditional: Route 53 refuses it when the check
          // changed in between.
          long version = healthCheck(region).healthCheckVersion();
          boolean inverted = value == 0;
          AwsFailures.call(
              "UpdateHealthCheck",
              "health check " + id + " of " + region,
              Route53Records.GLOBAL,
              CONCURRENT_UPDATE,
              () ->
                  clients
                      .route53()
                      .updateHealthCheck(
                          b -> b.healthCheckId(id).healthCheckVersion(version).inverted(inverted)));
          log.info(
              "Set health check {} of {} inverted={} (version {})", id, region, inverted, version);
        });
  }

  private HealthCheck healthCheck(String region) {
    String id = healthCheckId(region);
    return AwsFailures.call(
        "GetHealthCheck",
        "health check " + id + " of " + region,
        Route53Records.GLOBAL,
        () -> clients.route53().getHealthCheck(b -> b.healthCheckId(id)).healthCheck());
  }

  private String healthCheckId(String region) {
    return TrafficFailures.configured(
        traffic.healthChecks(), region, "health check of " + describe());
  }
}
