package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.Arguments;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code approve APP}: sends the update {@code approvePromotionUpdate} to the app's running
 * failover.
 */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = "Approves the promotion a failover of APP waits for.")
public final class ApproveCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Option(
      names = "--as",
      required = true,
      paramLabel = "NAME",
      description = "Who approves; one of the estate's approvers, not the requester.")
  private String approver;

  @Option(
      names = "--comment",
      defaultValue = "",
      paramLabel = "TEXT",
      description = "Why, for the record.")
  private String comment;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String app = target.app();
    ApprovalSignal signal = new ApprovalSignal(Arguments.nonBlank(spec, "--as", approver), comment);
    UpdateAnswer answer = target.call(client -> new FailoverClient(client).approve(app, signal));
    return UpdateReport.print(spec.commandLine().getOut(), app, "approvePromotion", answer);
  }
}
