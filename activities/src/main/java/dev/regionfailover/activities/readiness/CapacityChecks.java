package dev.regionfailover.activities.readiness;

import static dev.regionfailover.activities.readiness.ReadinessActivitiesImpl.CHECK_ASG_CAPACITY;
import static dev.regionfailover.activities.readiness.ReadinessActivitiesImpl.CHECK_ECS_CAPACITY;
import static dev.regionfailover.activities.readiness.ReadinessActivitiesImpl.CHECK_FLEET_READABLE;
import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.fleet.FleetReader;
import dev.regionfailover.workflows.estate.Fleet;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.fleet.AsgCapacity;
import dev.regionfailover.workflows.fleet.EcsCapacity;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.readiness.CapacityRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/** Whether the target region's fleet can carry the source region's load. */
final class CapacityChecks {

  private final FleetReader fleets;

  CapacityChecks(FleetReader fleets) {
    this.fleets = requireNonNull(fleets, "fleets is null");
  }

  List<Finding> check(CapacityRequest request) {
    List<Finding> findings = new ArrayList<>();
    FleetCapacity source = workers(request.sourceRegion(), request.sourceFleet(), findings);
    FleetCapacity target = workers(request.targetRegion(), request.targetFleet(), findings);
    if (source != null && target != null) {
      int services = Math.min(source.ecsServices().size(), target.ecsServices().size());
      for (int i = 0; i < services; i++) {
        findings.add(
            ecsCapacity(request, source.ecsServices().get(i), target.ecsServices().get(i)));
      }
      int groups = Math.min(source.autoScalingGroups().size(), target.autoScalingGroups().size());
      for (int i = 0; i < groups; i++) {
        findings.add(
            asgCapacity(
                request, source.autoScalingGroups().get(i), target.autoScalingGroups().get(i)));
      }
    }
    return Probes.logged("Capacity", findings);
  }

  /**
   * The ECS services and Auto Scaling groups of a fleet as a failover reads them, or null with a
   * finding saying why they could not be read.
   */
  private FleetCapacity workers(String region, Fleet fleet, List<Finding> findings) {
    Fleet workers =
        new Fleet(fleet.ecsServices(), fleet.autoScalingGroups(), List.of(), List.of(), List.of());
    try {
      return fleets.snapshot(region, workers);
    } catch (ApplicationFailure | SdkException e) {
      findings.add(
          Probes.failure(
              CHECK_FLEET_READABLE,
              "ECS services and Auto Scaling groups in " + region,
              "every one readable",
              e));
      return null;
    }
  }

  /**
   * A standby is either stopped (0 tasks; ACTIVATE gives it the source's count) or sized to carry
   * the source's load. One in between was changed by hand, and an unplanned failover that cannot
   * read the source's count starts it at that size.
   */
  private static Finding ecsCapacity(
      CapacityRequest request, EcsCapacity source, EcsCapacity target) {
    String resource =
        "ECS service %s/%s in %s vs %s/%s in %s"
            .formatted(
                target.cluster(),
                target.service(),
                request.targetRegion(),
                source.cluster(),
                source.service(),
                request.sourceRegion());
    String observed =
        target.desiredCount() + " desired task(s) vs the source's " + source.desiredCount();
    String expected =
        "0 (a stopped standby) or at least the source's " + source.desiredCount() + " tasks";
    return target.desiredCount() == 0 || target.desiredCount() >= source.desiredCount()
        ? Finding.pass(CHECK_ECS_CAPACITY, resource, observed, expected)
        : Finding.fail(CHECK_ECS_CAPACITY, resource, observed, expected);
  }

  /**
   * A stopped standby group (maximum 0) is scaled to the source's sizes by ACTIVATE; any other must
   * be able to grow to the source's desired capacity, and should be able to grow as far as it.
   */
  private static Finding asgCapacity(
      CapacityRequest request, AsgCapacity source, AsgCapacity target) {
    String resource =
        "Auto Scaling group %s in %s vs %s in %s"
            .formatted(
                target.name(), request.targetRegion(), source.name(), request.sourceRegion());
    String observed =
        "min/max/desired "
            + sizes(target)
            + " vs the source's "
            + sizes(source)
            + (target.suspendedProcesses().isEmpty()
                ? ""
                : ", suspended " + target.suspendedProcesses());
    String expected =
        "maximum 0 (a stopped standby) or at least the source's desired "
            + source.desiredCapacity()
            + " (and its maximum "
            + source.maxSize()
            + ")";
    if (target.maxSize() == 0 || target.maxSize() >= source.maxSize()) {
      return Finding.pass(CHECK_ASG_CAPACITY, resource, observed, expected);
    }
    return target.maxSize() >= source.desiredCapacity()
        ? Finding.warn(CHECK_ASG_CAPACITY, resource, observed, expected)
        : Finding.fail(CHECK_ASG_CAPACITY, resource, observed, expected);
  }

  static String sizes(AsgCapacity group) {
    return group.minSize() + "/" + group.maxSize() + "/" + group.desiredCapacity();
  }
}
