package dev.regionfailover.starter.evacuation;

import dev.regionfailover.starter.cli.Operator;
import dev.regionfailover.starter.cli.Reason;
import dev.regionfailover.workflows.evacuation.HoldSignal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code evacuate hold REGION}: the evacuation starts no new failover until resumed. */
@Command(
    name = "hold",
    mixinStandardHelpOptions = true,
    description = "Holds the evacuation of REGION: running failovers go on, no new one starts.")
public final class EvacuationHoldCommand implements Callable<Integer> {

  @Mixin private RegionTarget target;

  @Mixin private Operator operator;

  @Mixin private Reason reason;

  @Override
  public Integer call() {
    String region = target.region();
    HoldSignal signal = new HoldSignal(operator.name(), reason.text());
    return SignalReport.print(
        target,
        "hold",
        target.call(
            client ->
                new EvacuationClient(client).signal(region, "hold", stub -> stub.hold(signal))),
        "it starts no new failover until ./failover evacuate resume " + region + " --by NAME");
  }
}
