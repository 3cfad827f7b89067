package dev.regionfailover.starter.evacuation;

import dev.regionfailover.starter.cli.Arguments;
import dev.regionfailover.workflows.evacuation.ApprovalMode;
import dev.regionfailover.workflows.evacuation.EvacuationRequest;
import dev.regionfailover.workflows.failover.FailoverMode;
import io.temporal.api.common.v1.WorkflowExecution;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code evacuate REGION --mode MODE --by NAME}: starts the RegionEvacuation of a region; its
 * subcommands follow and steer it.
 */
@Command(
    name = "evacuate",
    mixinStandardHelpOptions = true,
    description =
        "Fails over every app that writes in REGION, in dependency order, a bounded number at"
            + " once; or follows and steers that evacuation with a subcommand.",
    subcommands = {
      EvacuationStatusCommand.class,
      EvacuationHoldCommand.class,
      EvacuationResumeCommand.class,
      EvacuationAbortCommand.class,
      EvacuationApproveCommand.class
    })
public final class EvacuateCommand implements Callable<Integer> {

  @Mixin private RegionTarget target;

  // The start's options are checked in call(), not by picocli, which would otherwise demand them of
  // the subcommands too.
  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description = "PLANNED, UNPLANNED or DRILL, for every app's failover (required).")
  private String mode;

  @Option(names = "--reason", defaultValue = "", paramLabel = "TEXT", description = "Why.")
  private String reason;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      description = "Who asks for the evacuation (required); they cannot approve it.")
  private String requester;

  @Option(
      names = "--apps",
      split = ",",
      paramLabel = "APP",
      description = "Only these apps (default: every app whose ledger names REGION its writer).")
  private List<String> apps;

  @Option(
      names = "--target",
      paramLabel = "APP=REGION",
      description = "Where an app goes (default: its estate's preferredTargets); repeatable.")
  private Map<String, String> targets;

  @Option(
      names = "--approval",
      defaultValue = "per-app",
      paramLabel = "HOW",
      description =
          "once (the evacuation's approvals are forwarded to every failover) or per-app (approve"
              + " each failover-APP; default).")
  private String approval;

  @Option(
      names = "--max-concurrent",
      paramLabel = "N",
      description = "How many failovers run at once (default 10, at most 100).")
  private Integer maxConcurrent;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String region = target.region();
    if (mode == null) {
      throw usage(spec, "Missing required option: '--mode=MODE'");
    }
    if (requester == null) {
      throw usage(spec, "Missing required option: '--by=NAME'");
    }
    FailoverMode parsed = FailoverMode.parse(mode);
    if (parsed == null || !FailoverMode.failoverModes().contains(parsed)) {
      throw usage(spec, "--mode: " + mode + " is not one of " + FailoverMode.failoverModes());
    }
    ApprovalMode how = ApprovalMode.parse(approval);
    if (how == null) {
      throw usage(spec, "--approval: " + approval + " is not once or per-app");
    }
    if (maxConcurrent != null
        && (maxConcurrent < 1 || maxConcurrent > EvacuationRequest.MAX_CONCURRENCY)) {
      throw usage(
          spec,
          "--max-concurrent: "
              + maxConcurrent
              + " is not between 1 and "
              + EvacuationRequest.MAX_CONCURRENCY);
    }
    List<String> named =
        apps == null ? null : apps.stream().map(a -> Arguments.app(spec, a)).toList();
    Map<String, String> where = new TreeMap<>();
    if (targets != null) {
      targets.forEach(
          (app, to) ->
              where.put(Arguments.app(spec, app), Arguments.region(spec, "--target " + app, to)));
    }
    EvacuationRequest request =
        new EvacuationRequest(
            region,
            parsed.name(),
            reason,
            Arguments.nonBlank(spec, "--by", requester),
            named,
            where.isEmpty() ? null : where,
            how.name(),
            maxConcurrent);
    WorkflowExecution execution =
        target.call(client -> new EvacuationClient(client).start(request));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Started a %s evacuation of %s.%n", parsed, region);
    out.printf("  workflow  %s%n", execution.getWorkflowId());
    out.printf("  run       %s%n", execution.getRunId());
    out.println();
    out.println("Next:");
    next(out, "./failover evacuate status " + region, "follow it, app by app");
    if (parsed == FailoverMode.DRILL) {
      out.println("  (DRILL failovers approve their own promotions)");
    } else if (how == ApprovalMode.ONCE) {
      next(out, "./failover evacuate approve " + region + " --by NAME", "approve every failover");
    } else {
      next(out, "./failover approve APP --as NAME", "approve each failover when it waits");
    }
    next(out, "./failover evacuate hold " + region + " --by NAME --reason TEXT", "start no more");
    next(
        out,
        "./failover evacuate abort " + region + " --by NAME --reason TEXT",
        "abort the failovers before PROMOTE");
    out.flush();
    return ExitCode.OK;
  }

  private static ParameterException usage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static void next(PrintWriter out, String command, String what) {
    out.printf("  %-55s %s%n", command, what);
  }
}
