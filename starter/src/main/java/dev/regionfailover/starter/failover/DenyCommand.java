package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.cli.Arguments;
import dev.regionfailover.starter.cli.Reason;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.failover.DenialSignal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code deny APP}: sends the update {@code denyPromotionUpdate} to the app's running failover. */
@Command(
    name = "deny",
    mixinStandardHelpOptions = true,
    description = "Refuses the promotion a failover of APP waits for; the failover rolls back.")
public final class DenyCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Option(
      names = "--as",
      required = true,
      paramLabel = "NAME",
      description = "Who refuses; one of the estate's approvers.")
  private String approver;

  @Mixin private Reason reason;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String app = target.app();
    DenialSignal signal =
        new DenialSignal(Arguments.nonBlank(spec, "--as", approver), reason.text());
    return target.send(
        client -> new FailoverClient(client).deny(app, signal),
        UpdateReport.of(app, "denyPromotion"));
  }
}
