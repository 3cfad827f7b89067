package dev.regionfailover.starter.local;

import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import java.io.PrintWriter;
import java.util.List;

/** What {@code dev} prints once the stack is up: where things are and what to type next. */
final class NextSteps {

  private NextSteps() {}

  static void print(PrintWriter out, LocalStack stack) {
    String address = stack.temporalAddress();
    Estate estate = stack.estates().get(0);
    String app = estate.app();
    String target = estate.regions().get(estate.regions().size() - 1);
    List<String> approvers = estate.approvals().approvers();
    String approver = approvers.get(0);
    String requester = approvers.size() > 1 ? approvers.get(1) : "oncall";
    String workflowId = "failover-" + app;

    out.println();
    out.println("The local stack is up.");
    out.printf("  Temporal      %s (namespace default)%n", address);
    out.printf("  AWS endpoint  %s%n", stack.awsEndpoint());
    out.printf("  Worker log    %s%n", stack.workerLog());
    out.printf(
        "  Estates       %s%n",
        String.join(", ", stack.estates().stream().map(Estate::app).toList()));
    out.println();
    out.println("In another terminal:");
    out.printf(
        "  ./failover start %s --to %s --reason \"quarterly rotation\" --requested-by %s%n",
        app, target, requester);
    out.printf("  ./failover status %s%n", app);
    out.printf("  ./failover approve %s --as %s --comment \"lag is zero\"%n", app, approver);
    out.println();
    out.println("Or with the Temporal CLI:");
    out.printf(
        "  temporal workflow start --address %s --type %s --task-queue %s --workflow-id %s"
            + " --input '{\"app\":\"%s\",\"targetRegion\":\"%s\",\"mode\":\"PLANNED\","
            + "\"reason\":\"quarterly rotation\",\"requestedBy\":\"%s\"}'%n",
        address,
        RegionFailoverWorkflow.TYPE,
        RegionFailoverWorkflow.TASK_QUEUE,
        workflowId,
        app,
        target,
        requester);
    out.printf(
        "  temporal workflow query --address %s --workflow-id %s --type status%n",
        address, workflowId);
    out.printf(
        "  temporal workflow signal --address %s --workflow-id %s --name approvePromotion"
            + " --input '{\"approver\":\"%s\",\"comment\":\"lag is zero\"}'%n",
        address, workflowId, approver);
    out.println();
    out.println("Press Ctrl-C to stop everything.");
    out.flush();
  }
}
