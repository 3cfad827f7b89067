package dev.regionfailover.activities.fleet;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.fleet.AsgCapacity;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.SuspendedProcess;

/** The sizes of Auto Scaling groups and the scaling processes suspended on them. */
final class AutoScalingGroups {

  private static final Logger log = LoggerFactory.getLogger(AutoScalingGroups.class);
  private static final int MAX_GROUPS_PER_CALL = 50;

  /** Errors AWS answers while another scaling activity or change holds the group. */
  private static final Set<String> BUSY = Set.of("ScalingActivityInProgress", "ResourceContention");

  private final AwsClients clients;

  AutoScalingGroups(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  /** The groups as AWS has them now, their suspended processes in alphabetical order. */
  List<AsgCapacity> read(String region, List<String> names) {
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
            "Auto Scaling group " + name + " not found in " + region,
            FleetActivitiesImpl.FLEET_RESOURCE_NOT_FOUND);
      }
      capacities.add(
          new AsgCapacity(
              name,
              group.minSize(),
              group.maxSize(),
              group.desiredCapacity(),
              group.suspendedProcesses().stream()
                  .map(SuspendedProcess::processName)
                  .sorted()
                  .toList()));
    }
    return capacities;
  }

  /**
   * Makes each group match, by position, changing only what differs. Processes to resume are
   * resumed first, so that whatever the size change needs (Launch to fill a restored group,
   * Terminate to empty a fenced one) runs; the sizes change next; processes to suspend are
   * suspended last, so that a fenced group is already shrinking when Launch and the rest freeze.
   */
  void apply(String region, List<AsgCapacity> desired, List<AsgCapacity> current) {
    for (int i = 0; i < desired.size(); i++) {
      AsgCapacity want = desired.get(i);
      AsgCapacity have = current.get(i);
      List<String> resume =
          have.suspendedProcesses().stream()
              .filter(p -> !want.suspendedProcesses().contains(p))
              .toList();
      List<String> suspend =
          want.suspendedProcesses().stream()
              .filter(p -> !have.suspendedProcesses().contains(p))
              .distinct()
              .toList();
      String group = "Auto Scaling group " + want.name();
      // An empty process list means every process to AWS, so each call needs at least one.
      if (!resume.isEmpty()) {
        processes(region, want.name(), true, resume);
      }
      if (!sameSizes(want, have)) {
        AwsFailures.call(
            "UpdateAutoScalingGroup",
            group,
            region,
            BUSY,
            () ->
                clients
                    .autoScaling(region)
                    .updateAutoScalingGroup(
                        b ->
                            b.autoScalingGroupName(want.name())
                                .minSize(want.minSize())
                                .maxSize(want.maxSize())
                                .desiredCapacity(want.desiredCapacity())));
        log.info(
            "Set the sizes of {} in {} from {}/{}/{} to {}/{}/{} (min/max/desired)",
            group,
            region,
            have.minSize(),
            have.maxSize(),
            have.desiredCapacity(),
            want.minSize(),
            want.maxSize(),
            want.desiredCapacity());
      }
      if (!suspend.isEmpty()) {
        processes(region, want.name(), false, suspend);
      }
    }
  }

  /** Resumes or suspends scaling processes of a group. */
  private void processes(String region, String name, boolean resume, List<String> processes) {
    String group = "Auto Scaling group " + name;
    AwsFailures.call(
        resume ? "ResumeProcesses" : "SuspendProcesses",
        group,
        region,
        BUSY,
        () -> {
          var autoScaling = clients.autoScaling(region);
          if (resume) {
            autoScaling.resumeProcesses(
                b -> b.autoScalingGroupName(name).scalingProcesses(processes));
          } else {
            autoScaling.suspendProcesses(
                b -> b.autoScalingGroupName(name).scalingProcesses(processes));
          }
          return null;
        });
    log.info("{} {} of {} in {}", resume ? "Resumed" : "Suspended", processes, group, region);
  }

  /** Equal sizes and the same suspended processes, in any order. */
  static boolean matches(AsgCapacity want, AsgCapacity have) {
    return want.name().equals(have.name())
        && sameSizes(want, have)
        && new HashSet<>(want.suspendedProcesses())
            .equals(new HashSet<>(have.suspendedProcesses()));
  }

  /**
   * The observed group with its suspended processes listed in the order {@code want} lists them,
   * when it matches, so that a verified result equals what was asked for.
   */
  static AsgCapacity inOrderOf(AsgCapacity want, AsgCapacity have) {
    return matches(want, have) ? want : have;
  }

  private static boolean sameSizes(AsgCapacity want, AsgCapacity have) {
    return want.minSize() == have.minSize()
        && want.maxSize() == have.maxSize()
        && want.desiredCapacity() == have.desiredCapacity();
  }
}
