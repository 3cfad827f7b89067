package dev.regionfailover.starter.evacuation;

import dev.regionfailover.starter.cli.Operator;
import dev.regionfailover.starter.cli.Reason;
import dev.regionfailover.workflows.failover.AbortSignal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code evacuate abort REGION}: aborts the failovers before PROMOTE and starts no more. */
@Command(
    name = "abort",
    mixinStandardHelpOptions = true,
    description =
        "Aborts the evacuation of REGION: its failovers that have not reached PROMOTE roll back,"
            + " the others finish, no new one starts.")
public final class EvacuationAbortCommand implements Callable<Integer> {

  @Mixin private RegionTarget target;

  @Mixin private Operator operator;

  @Mixin private Reason reason;

  @Override
  public Integer call() {
    String region = target.region();
    AbortSignal signal = new AbortSignal(operator.name(), reason.text());
    return SignalReport.print(
        target,
        "abort",
        target.call(
            client ->
                new EvacuationClient(client).signal(region, "abort", stub -> stub.abort(signal))),
        "failovers before PROMOTE roll back; follow them with ./failover evacuate status "
            + region);
  }
}
