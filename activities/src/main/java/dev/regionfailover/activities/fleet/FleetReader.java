package dev.regionfailover.activities.fleet;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.workflows.estate.Fleet;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the state of a fleet's resources as a failover reads it: for the fleet activities, and for
 * readiness, which must find a resource exactly as a failover will.
 */
public final class FleetReader {

  private static final Logger log = LoggerFactory.getLogger(FleetReader.class);

  private final EcsServices services;
  private final AutoScalingGroups groups;
  private final EventSourceMappings mappings;
  private final EventBridgeRules rules;
  private final Schedules schedules;

  /**
   * How long one read waits for event source mappings in transition to settle by default; short,
   * because the attempt must end well within its start-to-close timeout.
   */
  static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(45);

  /** How long to wait between looks at a mapping in transition by default. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  /** A reader with the fleet activities' default waits for mappings in transition. */
  public FleetReader(AwsClients clients) {
    this(
        new EcsServices(clients),
        new AutoScalingGroups(clients),
        new EventSourceMappings(clients, SETTLE_TIMEOUT, POLL_INTERVAL),
        new EventBridgeRules(clients),
        new Schedules(clients));
  }

  FleetReader(
      EcsServices services,
      AutoScalingGroups groups,
      EventSourceMappings mappings,
      EventBridgeRules rules,
      Schedules schedules) {
    this.services = requireNonNull(services, "services is null");
    this.groups = requireNonNull(groups, "groups is null");
    this.mappings = requireNonNull(mappings, "mappings is null");
    this.rules = requireNonNull(rules, "rules is null");
    this.schedules = requireNonNull(schedules, "schedules is null");
  }

  /** Every resource of the fleet in the region, in the estate's order; logged. */
  public FleetCapacity snapshot(String region, Fleet fleet) {
    FleetCapacity capacity = read(region, fleet);
    log.info("Fleet of {}: {}", region, capacity);
    return capacity;
  }

  /** Every resource of the fleet in the region, in the estate's order. */
  FleetCapacity read(String region, Fleet fleet) {
    return new FleetCapacity(
        region,
        services.read(region, fleet.ecsServices()),
        groups.read(region, fleet.autoScalingGroups()),
        mappings.read(region, fleet.lambdaEventSourceMappings()),
        rules.read(region, fleet.eventBridgeRules()),
        schedules.read(region, fleet.schedules()));
  }
}
