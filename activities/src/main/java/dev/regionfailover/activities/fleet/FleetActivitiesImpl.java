package dev.regionfailover.activities.fleet;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.workflows.estate.EventBridgeRuleRef;
import dev.regionfailover.workflows.estate.EventSourceMappingRef;
import dev.regionfailover.workflows.estate.Fleet;
import dev.regionfailover.workflows.estate.ScheduleRef;
import dev.regionfailover.workflows.fleet.AsgCapacity;
import dev.regionfailover.workflows.fleet.FleetActivities;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.fleet.FleetRequest;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * Every kind of background worker: ECS services, Auto Scaling groups, Lambda event source mappings,
 * EventBridge rules and EventBridge Scheduler schedules. State is read and set as configuration
 * (desired counts, group sizes and suspended processes, enabled or not): what AWS has been told to
 * run, which is what a failover changes and restores. Each change is made only where the resource
 * differs, so a retried scale makes no call that changes anything.
 */
public final class FleetActivitiesImpl implements FleetActivities {

  /** Failure type when a resource named by the estate does not exist. */
  public static final String FLEET_RESOURCE_NOT_FOUND = "FleetResourceNotFound";

  /** Failure type when the estate's name of a resource matches several. */
  public static final String FLEET_RESOURCE_AMBIGUOUS = "FleetResourceAmbiguous";

  /** Failure type (retryable) when a change has not settled within the activity's short wait. */
  public static final String FLEET_NOT_SETTLED = "FleetNotSettled";

  /** Failure type (retryable) when a resource reads back other than it was set. */
  public static final String FLEET_READ_BACK_MISMATCH = "FleetReadBackMismatch";

  private final EcsServices services;
  private final AutoScalingGroups groups;
  private final EventSourceMappings mappings;
  private final EventBridgeRules rules;
  private final Schedules schedules;
  private final FleetReader reader;

  @Inject
  public FleetActivitiesImpl(AwsClients clients) {
    this(clients, FleetReader.SETTLE_TIMEOUT, FleetReader.POLL_INTERVAL);
  }

  /**
   * @param settleTimeout how long one attempt waits for event source mappings to settle; short,
   *     because the attempt must end well within its start-to-close timeout
   * @param pollInterval how long to wait between looks at a mapping in transition
   */
  public FleetActivitiesImpl(AwsClients clients, Duration settleTimeout, Duration pollInterval) {
    requireNonNull(clients, "clients is null");
    this.services = new EcsServices(clients);
    this.groups = new AutoScalingGroups(clients);
    this.mappings = new EventSourceMappings(clients, settleTimeout, pollInterval);
    this.rules = new EventBridgeRules(clients);
    this.schedules = new Schedules(clients);
    this.reader = new FleetReader(services, groups, mappings, rules, schedules);
  }

  @Override
  public FleetCapacity snapshot(FleetRequest request) {
    return reader.snapshot(request.region(), request.fleet());
  }

  @Override
  public FleetCapacity scale(FleetCapacity desired) {
    String region = desired.region();
    Fleet fleet = fleetOf(desired);
    // Every resource is read before any is changed, so a missing one changes nothing.
    FleetCapacity current = reader.read(region, fleet);
    if (desired.activeUnits() < current.activeUnits()) {
      // Stopping: first what starts work, then what does it, so no new work lands on a fleet
      // that is going away.
      applyEventSources(region, desired, current);
      applyWorkers(region, desired, current);
    } else {
      // Starting: the workers first, so the work that starts finds them.
      applyWorkers(region, desired, current);
      applyEventSources(region, desired, current);
    }
    FleetCapacity readBack = reader.read(region, fleet);
    List<String> mismatches = mismatches(desired, readBack);
    if (!mismatches.isEmpty()) {
      throw ApplicationFailure.newFailure(
          "read back the fleet of "
              + region
              + " after scaling and found: "
              + String.join("; ", mismatches),
          FLEET_READ_BACK_MISMATCH);
    }
    List<AsgCapacity> verifiedGroups = new ArrayList<>();
    for (int i = 0; i < desired.autoScalingGroups().size(); i++) {
      verifiedGroups.add(
          AutoScalingGroups.inOrderOf(
              desired.autoScalingGroups().get(i), readBack.autoScalingGroups().get(i)));
    }
    return new FleetCapacity(
        region,
        readBack.ecsServices(),
        verifiedGroups,
        readBack.eventSourceMappings(),
        readBack.eventBridgeRules(),
        readBack.schedules());
  }

  private void applyWorkers(String region, FleetCapacity desired, FleetCapacity current) {
    services.apply(region, desired.ecsServices(), current.ecsServices());
    groups.apply(region, desired.autoScalingGroups(), current.autoScalingGroups());
  }

  private void applyEventSources(String region, FleetCapacity desired, FleetCapacity current) {
    mappings.apply(region, desired.eventSourceMappings());
    rules.apply(region, desired.eventBridgeRules(), current.eventBridgeRules());
    schedules.apply(region, desired.schedules(), current.schedules());
  }

  private static Fleet fleetOf(FleetCapacity capacity) {
    return new Fleet(
        EcsServices.refs(capacity.ecsServices()),
        capacity.autoScalingGroups().stream().map(AsgCapacity::name).toList(),
        capacity.eventSourceMappings().stream()
            .map(m -> new EventSourceMappingRef(m.function(), m.eventSourceArn()))
            .toList(),
        capacity.eventBridgeRules().stream()
            .map(r -> new EventBridgeRuleRef(r.eventBus(), r.name()))
            .toList(),
        capacity.schedules().stream().map(s -> new ScheduleRef(s.group(), s.name())).toList());
  }

  /** Each resource that reads back other than desired, with both values. */
  private static List<String> mismatches(FleetCapacity desired, FleetCapacity readBack) {
    List<String> found = new ArrayList<>();
    compare(desired.ecsServices(), readBack.ecsServices(), Objects::equals, found);
    compare(
        desired.autoScalingGroups(),
        readBack.autoScalingGroups(),
        AutoScalingGroups::matches,
        found);
    compare(desired.eventSourceMappings(), readBack.eventSourceMappings(), Objects::equals, found);
    compare(desired.eventBridgeRules(), readBack.eventBridgeRules(), Objects::equals, found);
    compare(desired.schedules(), readBack.schedules(), Objects::equals, found);
    return found;
  }

  private static <T> void compare(
      List<T> desired, List<T> readBack, BiPredicate<T, T> matches, List<String> found) {
    for (int i = 0; i < desired.size(); i++) {
      if (!matches.test(desired.get(i), readBack.get(i))) {
        found.add("observed " + readBack.get(i) + ", expected " + desired.get(i));
      }
    }
  }
}
