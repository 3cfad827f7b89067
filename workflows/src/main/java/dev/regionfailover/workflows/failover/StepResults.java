package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.dns.RecordState;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.flags.FlagValue;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import java.util.List;

/** The one-line texts a step records when it ends: what it found, or why it failed. */
final class StepResults {

  private StepResults() {}

  static String describe(AuroraTopology topology) {
    ClusterMember writer = topology.writer();
    return "status "
        + topology.status()
        + ", writer "
        + (writer == null ? "none" : writer.clusterArn());
  }

  static String describe(RecordState record) {
    return record.name() + " = " + record.value() + (record.changed() ? "" : " (already so)");
  }

  static String describe(FleetCapacity capacity) {
    return capacity.ecsServices().size()
        + " ECS service(s) and "
        + capacity.autoScalingGroups().size()
        + " Auto Scaling group(s) in "
        + capacity.region()
        + ", "
        + capacity.activeUnits()
        + " tasks and instances desired";
  }

  static String describe(FlagValue flag) {
    return flag.name() + " = " + flag.value();
  }

  static String summarize(List<Finding> list) {
    long failed = list.stream().filter(f -> f.verdict() == Verdict.FAIL).count();
    return list.size() + " checks, " + failed + " failed";
  }
}
