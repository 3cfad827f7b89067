package dev.regionfailover.starter.rehearsal;

import dev.regionfailover.starter.cli.Requester;
import dev.regionfailover.workflows.rehearsal.InvalidRehearsalRequest;
import dev.regionfailover.workflows.rehearsal.RehearsalPlan;
import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What a rehearsal does, shared by {@code rehearse} and {@code schedule create}. The request is
 * validated with the workflow's own rules, so the CLI refuses exactly what the workflow would.
 */
public final class RehearsalOptions {

  @Option(
      names = "--target",
      required = true,
      paramLabel = "REGION",
      description = "The region that takes over during the rehearsal.")
  private String targetRegion;

  @Option(
      names = "--hold",
      required = true,
      paramLabel = "DURATION",
      description = "How long to stay in the target, ISO-8601 (PT10M, PT1H).")
  private String holdFor;

  @Option(
      names = "--check-every",
      paramLabel = "DURATION",
      description = "How often to read the target's health during the hold (default PT1M).")
  private String checkEvery;

  @Option(
      names = "--rotate",
      description = "Stay in the target afterwards (regional rotation) instead of switching back.")
  private boolean rotate;

  @Mixin private Requester requester;

  /** The request these options describe, or a usage error naming every problem. */
  public RehearsalRequest request(CommandSpec spec, String app) {
    String requestedBy = requester.nameOrMissing();
    RehearsalRequest request =
        new RehearsalRequest(
            app,
            targetRegion,
            holdFor,
            checkEvery,
            null,
            rotate,
            requester.reason().isBlank() ? null : requester.reason().strip(),
            requestedBy);
    try {
      RehearsalPlan.from(request);
    } catch (InvalidRehearsalRequest e) {
      throw new ParameterException(
          spec.commandLine(),
          String.join(
              "; ",
              e.problems().stream()
                  .map(
                      p ->
                          p.replace("\"targetRegion\"", "--target")
                              .replace("\"holdFor\"", "--hold")
                              .replace("\"checkEvery\"", "--check-every"))
                  .toList()));
    }
    return request;
  }
}
