package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.cli.Arguments;
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

  @Option(
      names = "--verify",
      description =
          "Prove who approves: attach an sts:GetCallerIdentity request signed with your own AWS"
              + " credentials (the default chain: AWS_PROFILE, AWS_ACCESS_KEY_ID, SSO, ...) and"
              + " region (AWS_REGION). Needed where the estate sets approvals.verified.")
  private boolean verify;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String app = target.app();
    String name = Arguments.nonBlank(spec, "--as", approver);
    return target.send(
        client -> {
          FailoverClient failovers = new FailoverClient(client);
          ApprovalSignal signal =
              verify
                  ? new ApprovalSignal(
                      name, comment, ApproverIdentity.sign(failovers.approvalBinding(app)))
                  : new ApprovalSignal(name, comment);
          return failovers.approve(app, signal);
        },
        UpdateReport.of(app, "approvePromotion"));
  }
}
