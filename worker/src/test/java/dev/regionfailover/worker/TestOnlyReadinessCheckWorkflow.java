package dev.regionfailover.worker;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ReadinessRequest;
import dev.regionfailover.workflows.aurora.TopologyRequest;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.LoadEstateRequest;
import dev.regionfailover.workflows.readiness.Finding;
import dev.regionfailover.workflows.readiness.GuardActivities;
import dev.regionfailover.workflows.readiness.GuardRequest;
import dev.regionfailover.workflows.readiness.ReadinessCheckWorkflow;
import dev.regionfailover.workflows.readiness.ReadinessReport;
import dev.regionfailover.workflows.readiness.Verdict;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * TEST ONLY: a small ReadinessCheck for the rehearsal's end-to-end test until the real one is
 * merged (then the test registers the real implementation instead). It reads the estate, the ledger
 * and the Aurora writer, and runs the real Aurora readiness and guard activities, so a rehearsal's
 * health checks read real AWS state.
 */
public class TestOnlyReadinessCheckWorkflow implements ReadinessCheckWorkflow {

  private static final ActivityOptions SHORT =
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build();

  private final EstateActivities estates = Workflow.newActivityStub(EstateActivities.class, SHORT);
  private final AuthorityActivities ledger =
      Workflow.newActivityStub(AuthorityActivities.class, SHORT);
  private final AuroraActivities aurora = Workflow.newActivityStub(AuroraActivities.class, SHORT);
  private final GuardActivities guards = Workflow.newActivityStub(GuardActivities.class, SHORT);

  @Override
  public ReadinessReport run(dev.regionfailover.workflows.readiness.ReadinessRequest request) {
    Estate estate = estates.load(new LoadEstateRequest(request.app()));
    String target =
        request.targetRegion() != null
            ? request.targetRegion()
            : estate.regions().stream()
                .filter(r -> !r.equals(estate.regions().get(0)))
                .findFirst()
                .orElseThrow();
    AuthorityRecord authority =
        ledger.read(
            new ReadAuthorityRequest(estate.app(), estate.authority().table(), estate.regions()));
    AuroraTopology topology =
        aurora.describe(new TopologyRequest(estate.aurora().globalCluster(), estate.regions()));
    String writer = topology.writer() == null ? null : topology.writer().region();
    List<Finding> findings = new ArrayList<>();
    boolean ledgerAgrees =
        authority.state() != AuthorityState.FENCED
            && (authority.state() == AuthorityState.NONE
                || authority.writerRegion().equals(writer));
    findings.add(
        new Finding(
            "authority-matches-aurora",
            estate.authority().table(),
            ledgerAgrees ? Verdict.PASS : Verdict.FAIL,
            authority.state() + " " + authority.writerRegion() + ", Aurora writer " + writer,
            "ACTIVE with the Aurora writer's region"));
    if (writer != null && !writer.equals(target)) {
      findings.addAll(
          aurora.checkReadiness(new ReadinessRequest(estate.aurora(), writer, target, false)));
      findings.addAll(
          guards.check(
              new GuardRequest(
                  estate.guards(),
                  estate.regions(),
                  writer,
                  target,
                  estate.traffic() == null ? null : estate.traffic().route53(),
                  estate.aurora().writerRecord(),
                  false)));
    } else {
      findings.add(
          Finding.fail("target-not-writer", target, "writer " + writer, "another region writes"));
    }
    return new ReadinessReport(
        estate.app(), writer, target, findings, Workflow.currentTimeMillis());
  }
}
