package dev.regionfailover.starter.evacuation;

import dev.regionfailover.starter.cli.Operator;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evacuate approve REGION}: one approval for every failover of an ONCE evacuation. */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description =
        "Approves the promotions of every failover of the evacuation of REGION (approval once);"
            + " UNPLANNED needs two approvers, never the requester.")
public final class EvacuationApproveCommand implements Callable<Integer> {

  @Mixin private RegionTarget target;

  @Mixin private Operator operator;

  @Option(names = "--comment", defaultValue = "", paramLabel = "TEXT", description = "A note.")
  private String comment;

  @Override
  public Integer call() {
    String region = target.region();
    String approver = operator.name();
    ApprovalSignal signal = new ApprovalSignal(approver, comment);
    return SignalReport.print(
        target,
        "approvePromotion",
        target.call(
            client ->
                new EvacuationClient(client)
                    .signal(region, "approvePromotion", stub -> stub.approvePromotion(signal))),
        "it is forwarded to each failover when it waits for approval");
  }
}
