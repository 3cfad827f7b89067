package dev.regionfailover.devtools.local;

import dev.regionfailover.devstack.temporal.TemporalCli;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import java.io.PrintWriter;
import java.util.List;

/** What {@code dev} prints once the stack is up: where things are and what to type next. */
final class NextSteps {

  private NextSteps() {}

  /** The demo's line about the Temporal UI: where to watch, or why there is none. */
  static String ui(LocalStack stack) {
    return stack
        .uiAddress()
        .map(
            ui ->
                "Temporal UI: "
                    + ui
                    + "/namespaces/default/workflows (open failover-"
                    + DemoScenario.APP
                    + " while the demo runs)")
        .orElse("Temporal UI: " + uiLine(stack));
  }

  /** The UI's address, or why there is none. */
  private static String uiLine(LocalStack stack) {
    return stack
        .uiAddress()
        .orElse(
            "none: no Temporal CLI is installed, so this is the Java test server (in memory, no UI,"
                + " no Schedules); install the CLI with: "
                + TemporalCli.INSTALL_COMMAND);
  }

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
    out.printf("  Temporal UI   %s%n", uiLine(stack));
    stack
        .temporalHistory()
        .ifPresent(
            file ->
                out.printf(
                    "  History       %s (kept when dev restarts; dev --fresh starts clean)%n",
                    file));
    out.printf("  AWS endpoint  %s%n", stack.awsEndpoint());
    out.printf("  Worker log    %s%n", stack.workerLog());
    out.printf(
        "  Metrics       %s (the worker's; /healthz and /readyz beside it)%n",
        stack.workerMetrics());
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
    stack
        .uiAddress()
        .ifPresent(
            ui -> {
              out.println();
              out.printf(
                  "Or in the Temporal UI: open %s/namespaces/default/workflows, select %s, and"
                      + " approve with Send Signal, name approvePromotion, input"
                      + " {\"approver\":\"%s\",\"comment\":\"lag is zero\"}%n",
                  ui, workflowId, approver);
            });
    out.println();
    out.println(
        "If the worker dies, dev starts a fresh one; Temporal and the AWS emulator keep"
            + " running.");
    out.println("Press Ctrl-C to stop everything.");
    out.flush();
  }
}
