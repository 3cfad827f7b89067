package dev.regionfailover.starter.evacuation;

import dev.regionfailover.starter.cli.JsonOutput;
import dev.regionfailover.workflows.evacuation.EvacuationText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;

/** {@code evacuate status REGION}: where the evacuation stands, or its report once it ended. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows the evacuation of REGION: counts, apps, slowest, time left, held apps.")
public final class EvacuationStatusCommand implements Callable<Integer> {

  @Mixin private RegionTarget target;

  @Mixin private JsonOutput json;

  @Override
  public Integer call() {
    String region = target.region();
    target.print(
        json.text(
            target.call(client -> new EvacuationClient(client).status(region)),
            EvacuationText::render));
    return ExitCode.OK;
  }
}
