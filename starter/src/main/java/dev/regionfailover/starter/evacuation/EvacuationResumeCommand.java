package dev.regionfailover.starter.evacuation;

import dev.regionfailover.starter.cli.Operator;
import dev.regionfailover.workflows.evacuation.ResumeSignal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code evacuate resume REGION}: the evacuation starts failovers again. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Resumes a held evacuation of REGION.")
public final class EvacuationResumeCommand implements Callable<Integer> {

  @Mixin private RegionTarget target;

  @Mixin private Operator operator;

  @Override
  public Integer call() {
    String region = target.region();
    ResumeSignal signal = new ResumeSignal(operator.name());
    return SignalReport.print(
        target,
        "resume",
        target.call(
            client ->
                new EvacuationClient(client).signal(region, "resume", stub -> stub.resume(signal))),
        "it starts failovers again as slots free up");
  }
}
