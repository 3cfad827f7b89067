package dev.regionfailover.workflows.readiness;

import dev.regionfailover.workflows.account.AppAccount;
import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.TopologyRequest;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import dev.regionfailover.workflows.aws.AwsActivityOptions;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.LoadEstateRequest;
import dev.regionfailover.workflows.failure.RootCause;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.render.Details;
import dev.regionfailover.workflows.visibility.SearchAttributeUpserts;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Runs the checks of a failover's ASSESS phase as a dry run: loads the estate, finds the writer
 * (the authority ledger, or Aurora's writer member while there is no ledger), resolves the target,
 * then runs every check in parallel, each region on its own, so that one slow region does not hold
 * up the rest. A check that cannot be made is a FAIL finding saying why; only an unknown app or an
 * invalid target fails the workflow.
 */
public class ReadinessCheckWorkflowImpl implements ReadinessCheckWorkflow {

  /** Failure type of a request that can never be checked: an unknown app or an invalid target. */
  public static final String INVALID_REQUEST = "InvalidReadinessRequest";

  static final String CHECK_WRITER = "writer-region";
  static final String CHECK_LEDGER = "authority-ledger";
  static final String CHECK_APPROVERS = "approvers-configured";
  static final String CHECK_COMPLETED = "check-completed";

  private static final Logger log = Workflow.getLogger(ReadinessCheckWorkflowImpl.class);

  /**
   * A dry run has no deadline to meet and runs again on its schedule, so a check that keeps failing
   * becomes a finding after a few attempts instead of retrying for minutes.
   */
  private static final ActivityOptions CHECK =
      AwsActivityOptions.fewAttempts(Duration.ofMinutes(2), 3);

  private final EstateActivities estates = Workflow.newActivityStub(EstateActivities.class, CHECK);
  private final AuthorityActivities authority =
      Workflow.newActivityStub(AuthorityActivities.class, CHECK);
  private final AuroraActivities aurora = Workflow.newActivityStub(AuroraActivities.class, CHECK);
  private final GuardActivities guards = Workflow.newActivityStub(GuardActivities.class, CHECK);
  private final ReadinessActivities readiness =
      Workflow.newActivityStub(ReadinessActivities.class, CHECK);

  @Override
  public ReadinessReport run(ReadinessRequest request) {
    long checkedAt = Workflow.currentTimeMillis();
    if (request == null || request.app() == null || request.app().isBlank()) {
      throw invalid("invalid request " + request + ": \"app\" is missing");
    }
    SearchAttributeUpserts.app(request.app());
    Estate estate = load(request.app());
    String requested =
        request.targetRegion() == null || request.targetRegion().isBlank()
            ? null
            : request.targetRegion().trim();
    if (requested != null && !estate.regions().contains(requested)) {
      throw invalid(
          "target region "
              + requested
              + " is not a region of "
              + estate.app()
              + " "
              + estate.regions());
    }
    List<Finding> findings = new ArrayList<>();
    String source = writer(estate, findings);
    String target = target(estate, source, requested, findings);
    Workflow.setCurrentDetails(ReadinessText.checking(estate.app(), source, target));
    findings.addAll(checks(estate, source, target));
    findings.add(approvers(estate));
    ReadinessReport report = new ReadinessReport(estate.app(), source, target, findings, checkedAt);
    Workflow.setCurrentDetails(
        Details.preformatted(ReadinessText.render(report, Workflow.getInfo().getWorkflowId())));
    log.info("{}", ReadinessText.headline(report));
    return report;
  }

  private Estate load(String app) {
    try {
      Estate estate = estates.load(new LoadEstateRequest(app));
      AppAccount.use(estate.aws());
      return estate;
    } catch (ActivityFailure e) {
      throw invalid("cannot check " + app + ": " + RootCause.message(e));
    }
  }

  /**
   * The region whose failover is checked from: the ledger's writer, provided Aurora agrees, or
   * Aurora's writer while the ledger has none. Null when neither can tell; why is a finding.
   */
  private String writer(Estate estate, List<Finding> findings) {
    String ledgerResource =
        estate.authority().table() + " (" + estate.app() + ") in " + estate.regions();
    Promise<AuthorityRecord> ledger =
        Async.function(
            authority::read,
            new ReadAuthorityRequest(estate.app(), estate.authority().table(), estate.regions()));
    Promise<AuroraTopology> topology =
        Async.function(
            aurora::describe,
            new TopologyRequest(estate.aurora().globalCluster(), estate.regions()));
    AuthorityRecord record = null;
    try {
      record = ledger.get();
    } catch (ActivityFailure e) {
      findings.add(
          Finding.fail(
              CHECK_LEDGER,
              ledgerResource,
              RootCause.message(e),
              "readable, and the same in every region"));
    }
    ClusterMember auroraWriter = null;
    String auroraProblem = null;
    try {
      AuroraTopology described = topology.get();
      auroraWriter = described.writer();
      if (auroraWriter == null) {
        auroraProblem =
            "global cluster "
                + described.globalCluster()
                + " has no writer (status "
                + described.status()
                + ")";
      }
    } catch (ActivityFailure e) {
      auroraProblem = RootCause.message(e);
    }
    String expected = "the ledger's writer region is Aurora's writer region";
    if (record != null && record.state() == AuthorityState.FENCED) {
      findings.add(
          Finding.fail(
              CHECK_LEDGER,
              ledgerResource,
              "FENCED at epoch "
                  + record.epoch()
                  + " by "
                  + record.workflowId()
                  + ": a failover stopped between FENCE and PROMOTE",
              "ACTIVE, or not written yet"));
    }
    String ledgerWriter =
        record != null && record.state() == AuthorityState.ACTIVE ? record.writerRegion() : null;
    String observedLedger =
        record == null
            ? "ledger unreadable"
            : ledgerWriter == null
                ? "ledger " + record.state()
                : "ledger: " + ledgerWriter + " at epoch " + record.epoch();
    String observedAurora =
        auroraWriter == null
            ? "Aurora: " + auroraProblem
            : "Aurora: " + auroraWriter.region() + " (" + auroraWriter.clusterArn() + ")";
    String observed = observedLedger + "; " + observedAurora;
    if (ledgerWriter != null
        && auroraWriter != null
        && !ledgerWriter.equals(auroraWriter.region())) {
      findings.add(Finding.fail(CHECK_WRITER, estate.app(), observed, expected));
      return ledgerWriter;
    }
    String writer =
        ledgerWriter != null ? ledgerWriter : auroraWriter == null ? null : auroraWriter.region();
    if (writer == null || auroraWriter == null) {
      findings.add(Finding.fail(CHECK_WRITER, estate.app(), observed, expected));
    } else {
      findings.add(Finding.pass(CHECK_WRITER, estate.app(), observed, expected));
    }
    return writer;
  }

  /**
   * The requested target, or the one region other than the writer. A target that is the writer, or
   * no target in an estate where several could be meant, is an invalid request.
   */
  private static String target(
      Estate estate, String source, String requested, List<Finding> findings) {
    List<String> others =
        estate.regions().stream().filter(region -> !region.equals(source)).toList();
    if (requested != null) {
      if (requested.equals(source)) {
        throw invalid(
            requested
                + " is already the writer of "
                + estate.app()
                + "; check a failover to one of "
                + others);
      }
      return requested;
    }
    if (source != null && others.size() == 1) {
      return others.get(0);
    }
    throw invalid(
        source == null
            ? "the writer of "
                + estate.app()
                + " is unknown ("
                + findings.stream()
                    .filter(f -> f.verdict() == Verdict.FAIL)
                    .map(Finding::describe)
                    .toList()
                + "), so the target cannot be inferred; name one of "
                + estate.regions()
            : estate.app()
                + " can fail over from "
                + source
                + " to any of "
                + others
                + "; name the target region");
  }

  /** Starts every check at once, then collects them in a fixed order. */
  private List<Finding> checks(Estate estate, String source, String target) {
    Map<String, Promise<List<Finding>>> running = new LinkedHashMap<>();
    if (source != null) {
      running.put(
          "Aurora readiness of " + estate.aurora().cluster(target),
          Async.function(
              aurora::checkReadiness,
              new dev.regionfailover.workflows.aurora.ReadinessRequest(
                  estate.aurora(), source, target, false)));
    }
    running.put(
        "guards in " + estate.regions(),
        Async.function(
            guards::check,
            new GuardRequest(
                estate.guards(),
                estate.regions(),
                source,
                target,
                estate.traffic() == null ? null : estate.traffic().route53(),
                estate.aurora().writerRecord(),
                false)));
    if (source != null) {
      running.put(
          "capacity of " + target + " against " + source,
          Async.function(
              readiness::capacity,
              new CapacityRequest(source, estate.fleet(source), target, estate.fleet(target))));
    }
    running.put(
        "traffic layers in " + estate.regions(),
        Async.function(
            readiness::traffic,
            new TrafficCheckRequest(estate.traffic(), estate.detection(), estate.regions())));
    for (String region : estate.regions()) {
      running.put(
          "resources in " + region,
          Async.function(readiness::resources, new ResourcesRequest(estate, region)));
    }
    for (String region : estate.regions()) {
      Promise<Finding> credentials =
          Async.function(readiness::credentials, new CredentialsRequest(region));
      running.put("credentials in " + region, credentials.thenApply(finding -> List.of(finding)));
    }
    List<Finding> findings = new ArrayList<>();
    running.forEach((what, promise) -> findings.addAll(collect(what, promise::get)));
    return findings;
  }

  /** The findings of one check, or one FAIL finding saying why the check could not be made. */
  private static List<Finding> collect(String what, Supplier<List<Finding>> check) {
    try {
      return check.get();
    } catch (ActivityFailure e) {
      return List.of(
          Finding.fail(
              CHECK_COMPLETED,
              what,
              "the check failed: " + RootCause.message(e),
              "the check completes"));
    }
  }

  /**
   * Whether anyone may approve: a planned failover needs one approver other than the requester, an
   * unplanned one {@code unplannedApprovals} distinct ones. Who will request is not known yet, so
   * only the configured count is compared.
   */
  private static Finding approvers(Estate estate) {
    List<String> approvers = estate.approvals().approvers();
    int unplanned = estate.approvals().unplannedApprovals();
    String observed = approvers.size() + " approver(s): " + approvers;
    String expected =
        "at least 1 for a planned failover and " + unplanned + " for an unplanned one";
    if (approvers.isEmpty()) {
      return Finding.fail(CHECK_APPROVERS, "approvals.approvers", observed, expected);
    }
    return approvers.size() >= unplanned
        ? Finding.pass(CHECK_APPROVERS, "approvals.approvers", observed, expected)
        : Finding.warn(CHECK_APPROVERS, "approvals.approvers", observed, expected);
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, INVALID_REQUEST);
  }
}
