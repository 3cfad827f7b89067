package dev.regionfailover.workflows.reconcile;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.LagRequest;
import dev.regionfailover.workflows.aurora.TopologyRequest;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import dev.regionfailover.workflows.aws.AwsActivityOptions;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.LoadEstateRequest;
import dev.regionfailover.workflows.estate.QueueRef;
import dev.regionfailover.workflows.estate.ReplicatedTable;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.visibility.SearchAttributeUpserts;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Waits for the old region of a failover to answer again, without holding a worker thread: a short
 * probe activity with no retries (a failed probe is a sample, not an error), then a timer that
 * doubles from 30 seconds to 15 minutes, ended early by the {@code regionRecovered} signal. Gives
 * up after the estate's recovery timeout with a report that the region is still unreachable. Once
 * the region answers, it checks Aurora, the authority ledger copy, replicated tables and queues,
 * and stores the report in the audit trail. A check that fails is a finding of the report, not a
 * failure of the workflow.
 */
public class ReconcileRegionWorkflowImpl implements ReconcileRegionWorkflow {

  private static final Logger log = Workflow.getLogger(ReconcileRegionWorkflowImpl.class);

  static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
  static final int MAX_LISTED_CONFLICTS = 100;
  static final int MAX_REDRIVE = 10_000;

  /** Change id for Workflow.getVersion: a reconcile without a requester is refused. */
  static final String REQUESTER_CHANGE = "requester-required";

  static final String CHECK_AURORA = "aurora old primary";
  static final String CHECK_LAG = "replication lag";
  static final String CHECK_LEDGER = "authority ledger copy";
  static final String CHECK_CONFLICTS = "dynamodb conflicts";
  static final String CHECK_STRANDED = "sqs stranded messages";
  static final String CHECK_REDRIVE = "sqs dead-letter redrive";
  static final String CHECK_STORE = "store report";

  private static final ActivityOptions PROBE =
      AwsActivityOptions.singleAttempt(Duration.ofSeconds(30));

  private static final ActivityOptions SHORT =
      AwsActivityOptions.persistent(Duration.ofMinutes(2), AwsActivityOptions.STANDARD_ATTEMPTS);

  /**
   * Calls into the old region, which answered a probe but may fail again: a bounded budget, so the
   * report says what could not be checked instead of retrying for long.
   */
  private static final ActivityOptions OLD_REGION =
      AwsActivityOptions.fewAttempts(Duration.ofMinutes(2), 3);

  private static final ActivityOptions BULK =
      AwsActivityOptions.persistent(Duration.ofHours(6), AwsActivityOptions.STANDARD_ATTEMPTS);

  private final EstateActivities estates = Workflow.newActivityStub(EstateActivities.class, SHORT);
  private final AuthorityActivities authority =
      Workflow.newActivityStub(AuthorityActivities.class, SHORT);
  private final AuroraActivities aurora = Workflow.newActivityStub(AuroraActivities.class, SHORT);
  private final AuroraActivities oldAurora =
      Workflow.newActivityStub(AuroraActivities.class, OLD_REGION);
  private final ReconcileActivities probes =
      Workflow.newActivityStub(ReconcileActivities.class, PROBE);
  private final ReconcileActivities oldRegion =
      Workflow.newActivityStub(ReconcileActivities.class, OLD_REGION);
  private final ReconcileActivities writerSide =
      Workflow.newActivityStub(ReconcileActivities.class, SHORT);
  private final ReconcileActivities bulk =
      Workflow.newActivityStub(ReconcileActivities.class, BULK);

  private final List<CheckProgress> checks = new ArrayList<>();
  private final List<ReconcileSection> sections = new ArrayList<>();
  private final List<TableConflicts> conflicts = new ArrayList<>();
  private final List<QueueBacklog> backlogs = new ArrayList<>();
  private final List<RedriveResult> redrives = new ArrayList<>();

  private ReconcileRequest request;
  private Estate estate;
  private String writer;
  private ReconcileStage stage = ReconcileStage.STARTING;
  private RecoveryWait waitingFor;
  private RecoverySignal recovery;
  private final List<String> refusedSignals = new ArrayList<>();
  private String recoveredAt;
  private String recoveredBy;
  private ReconcileReport report;
  private long startedAtMillis;

  /** The message of the last failed check, for the finding that reports it. */
  private String lastFailure;

  @Override
  public ReconcileReport run(ReconcileRequest input) {
    startedAtMillis = Workflow.currentTimeMillis();
    request = validate(input);
    SearchAttributeUpserts.app(request.app());
    writer = request.writerRegion();
    publish();
    estate = estates.load(new LoadEstateRequest(request.app()));
    if (!estate.regions().contains(request.oldRegion())) {
      throw invalid(
          "old region "
              + request.oldRegion()
              + " is not a region of "
              + request.app()
              + " "
              + estate.regions());
    }
    if (writer == null) {
      writer = currentWriter();
    }
    if (writer.equals(request.oldRegion()) || !estate.regions().contains(writer)) {
      throw invalid(
          "writer region "
              + writer
              + " must be another region of "
              + request.app()
              + " "
              + estate.regions()
              + " than the old region "
              + request.oldRegion());
    }
    for (String name :
        List.of(
            CHECK_AURORA,
            CHECK_LAG,
            CHECK_LEDGER,
            CHECK_CONFLICTS,
            CHECK_STRANDED,
            CHECK_REDRIVE,
            CHECK_STORE)) {
      checks.add(new CheckProgress(name, CheckState.PENDING, null, null, null));
    }
    boolean recovered = awaitRecovery();
    stage = ReconcileStage.CHECKING;
    ReconcileOutcome outcome;
    String summary;
    if (recovered) {
      checkAurora();
      checkLedger();
      checkConflicts();
      checkQueues();
      outcome =
          worst() == Verdict.PASS ? ReconcileOutcome.RECONCILED : ReconcileOutcome.NEEDS_ATTENTION;
      summary = summary();
    } else {
      for (int i = 0; i < checks.size() - 1; i++) {
        finish(i, CheckState.SKIPPED, request.oldRegion() + " did not answer");
      }
      sections.add(
          new ReconcileSection(
              "Region",
              List.of(
                  Finding.warn(
                      "region-recovered",
                      request.oldRegion(),
                      "no answer to probes for " + estate.reconcile().recoveryTimeout(),
                      "the region to answer; start reconcile again when it does"))));
      outcome = ReconcileOutcome.REGION_UNREACHABLE;
      summary =
          request.oldRegion()
              + " is still unreachable after "
              + estate.reconcile().recoveryTimeout()
              + "; nothing in it was checked";
    }
    report = buildReport(outcome, summary);
    report = store(report);
    stage = ReconcileStage.DONE;
    publish();
    return report;
  }

  @Override
  public void regionRecovered(RecoverySignal signal) {
    if (signal != null && signal.payloadProblem() != null) {
      refusedSignals.add("regionRecovered refused: " + signal.payloadProblem());
      log.info("regionRecovered refused: {}", signal.payloadProblem());
      return;
    }
    if (recovery == null && signal != null) {
      recovery = signal;
      log.info("regionRecovered from {}: {}", signal.by(), signal.note());
    }
  }

  @Override
  public ReconcileStatus status() {
    return new ReconcileStatus(
        request == null ? null : request.app(),
        request == null ? null : request.oldRegion(),
        writer,
        stage,
        waitingFor,
        checks,
        report,
        refusedSignals);
  }

  private static ReconcileRequest validate(ReconcileRequest input) {
    if (input == null
        || input.app() == null
        || input.app().isBlank()
        || input.oldRegion() == null
        || input.oldRegion().isBlank()) {
      throw invalid("a reconcile needs app and oldRegion, got " + input);
    }
    // Reconciles started before the requester was required ran without one; their histories
    // replay so.
    if ((input.requestedBy() == null || input.requestedBy().isBlank())
        && Workflow.getVersion(REQUESTER_CHANGE, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION) {
      throw invalid("\"requestedBy\" is missing; name who asks for the reconcile");
    }
    return input;
  }

  private String currentWriter() {
    List<String> others =
        estate.regions().stream().filter(r -> !r.equals(request.oldRegion())).toList();
    AuthorityRecord record =
        authority.read(new ReadAuthorityRequest(request.app(), estate.authority().table(), others));
    if (record.writerRegion() == null) {
      throw invalid(
          "the authority ledger of "
              + request.app()
              + " in "
              + others
              + " names no writer region (state "
              + record.state()
              + " at epoch "
              + record.epoch()
              + "); name it with writerRegion");
    }
    return record.writerRegion();
  }

  /**
   * Probes the old region, then sleeps on a timer until the next probe or the signal. Returns false
   * when the recovery timeout passed without an answer.
   */
  private boolean awaitRecovery() {
    stage = ReconcileStage.AWAIT_RECOVERY;
    String region = request.oldRegion();
    String since = now();
    long deadline = startedAtMillis + estate.reconcile().recoveryTimeout().toMillis();
    String until = Instant.ofEpochMilli(deadline).toString();
    String how =
        "probes of "
            + region
            + " every "
            + FIRST_BACKOFF.toSeconds()
            + " s, doubling to "
            + MAX_BACKOFF.toMinutes()
            + " min; or the signal regionRecovered {\"by\",\"note\"} (./failover reconcile"
            + " recovered "
            + request.app()
            + " --by NAME); at "
            + until
            + " it gives up and reports "
            + region
            + " unreachable";
    ProbeRequest probe = new ProbeRequest(region, estate.aurora().cluster(region));
    Duration backoff = FIRST_BACKOFF;
    int count = 0;
    String last = null;
    while (true) {
      if (recovery != null) {
        recoveredBy =
            "signal from "
                + recovery.by()
                + (recovery.note() == null ? "" : ": " + recovery.note());
        break;
      }
      count++;
      waitingFor =
          new RecoveryWait(region + " to answer again", since, until, how, count, last, null);
      publish();
      ProbeResult result = probe(probe);
      last = now() + " " + (result.answered() ? "answered" : "no answer") + ": " + result.detail();
      if (result.answered()) {
        recoveredBy = "probe " + count + ": " + result.detail();
        break;
      }
      long remaining = deadline - Workflow.currentTimeMillis();
      if (remaining <= 0) {
        waitingFor = null;
        log.info("{} did not answer within the recovery timeout", region);
        return false;
      }
      Duration wait = remaining < backoff.toMillis() ? Duration.ofMillis(remaining) : backoff;
      waitingFor =
          new RecoveryWait(
              region + " to answer again",
              since,
              until,
              how,
              count,
              last,
              Instant.ofEpochMilli(Workflow.currentTimeMillis() + wait.toMillis()).toString());
      publish();
      Workflow.await(wait, () -> recovery != null);
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
    waitingFor = null;
    recoveredAt = now();
    log.info("{} answers again ({})", region, recoveredBy);
    publish();
    return true;
  }

  private ProbeResult probe(ProbeRequest probe) {
    try {
      return probes.probeRegion(probe);
    } catch (ActivityFailure failure) {
      return new ProbeResult(probe.region(), false, reason(failure));
    }
  }

  private void checkAurora() {
    String global = estate.aurora().globalCluster();
    String oldCluster = estate.aurora().cluster(request.oldRegion());
    String newCluster = estate.aurora().cluster(writer);
    List<Finding> findings = new ArrayList<>();
    AuroraTopology topology =
        check(
            CHECK_AURORA,
            () ->
                aurora.describe(new TopologyRequest(global, List.of(writer, request.oldRegion()))),
            t -> "status " + t.status() + ", writer " + describeWriter(t));
    boolean secondary = false;
    if (topology == null) {
      findings.add(
          Finding.fail(
              "aurora-old-primary-rejoined",
              oldCluster,
              "global cluster " + global + " could not be described: " + lastFailure,
              "a secondary member of " + global));
    } else {
      ClusterMember old =
          topology.members().stream()
              .filter(m -> m.clusterArn().equals(oldCluster))
              .findFirst()
              .orElse(null);
      String expected = "a secondary member of " + global;
      if (old == null) {
        findings.add(
            Finding.fail(
                "aurora-old-primary-rejoined",
                oldCluster,
                "not a member of "
                    + global
                    + " (members: "
                    + topology.members().stream().map(ClusterMember::clusterArn).toList()
                    + "); the operator must check it for writes it took after replication stopped"
                    + " (snapshot it), then delete it and add a new secondary cluster in "
                    + request.oldRegion()
                    + " to "
                    + global
                    + " (aws rds create-db-cluster --global-cluster-identifier "
                    + global
                    + " --region "
                    + request.oldRegion()
                    + " ...), and run reconcile again",
                expected));
      } else if (old.writer()) {
        findings.add(
            Finding.fail(
                "aurora-old-primary-rejoined",
                oldCluster,
                "still the writer of "
                    + global
                    + "; the operator must keep its writes fenced and make "
                    + newCluster
                    + " the writer (aws rds switchover-global-cluster --global-cluster-identifier "
                    + global
                    + " --target-db-cluster-identifier "
                    + newCluster
                    + "), then run reconcile again",
                expected));
      } else {
        secondary = true;
        findings.add(
            Finding.pass(
                "aurora-old-primary-rejoined", oldCluster, "a secondary member", expected));
      }
      ClusterMember writerMember = topology.writer();
      String observedWriter = writerMember == null ? "none" : writerMember.clusterArn();
      findings.add(
          newCluster.equals(observedWriter)
              ? Finding.pass("aurora-writer", global, observedWriter, newCluster)
              : Finding.fail("aurora-writer", global, observedWriter, newCluster));
    }
    if (secondary) {
      Finding lag =
          check(
              CHECK_LAG,
              () ->
                  oldAurora.lag(
                      new LagRequest(
                          oldCluster, request.oldRegion(), estate.aurora().maxLagSeconds())),
              Finding::observed);
      findings.add(
          lag != null
              ? lag
              : Finding.fail(
                  "aurora-replication-lag",
                  oldCluster,
                  "not measured: " + lastFailure,
                  "at most " + estate.aurora().maxLagSeconds() * 1000 + " ms"));
    } else {
      skip(CHECK_LAG, "the old primary is not a secondary");
      findings.add(
          Finding.warn(
              "aurora-replication-lag",
              oldCluster,
              "not measured: the old primary is not a secondary of " + global,
              "at most " + estate.aurora().maxLagSeconds() * 1000 + " ms once it rejoins"));
    }
    sections.add(new ReconcileSection("Aurora", findings));
  }

  private void checkLedger() {
    Finding finding =
        check(
            CHECK_LEDGER,
            () ->
                oldRegion.bringLedgerForward(
                    new LedgerForwardRequest(
                        request.app(),
                        estate.authority().table(),
                        request.oldRegion(),
                        writer,
                        Workflow.getInfo().getWorkflowId())),
            Finding::observed);
    sections.add(
        new ReconcileSection(
            "Authority ledger",
            List.of(
                finding != null
                    ? finding
                    : Finding.fail(
                        "authority-ledger-copy",
                        estate.authority().table() + " in " + request.oldRegion(),
                        "not checked: " + lastFailure,
                        "the writer region's record"))));
  }

  private void checkConflicts() {
    List<Finding> findings = new ArrayList<>();
    List<ReplicatedTable> tables = estate.reconcile().tables();
    if (tables.isEmpty()) {
      skip(CHECK_CONFLICTS, "the estate names no replicated tables");
    } else {
      start(CHECK_CONFLICTS, tables.size() + " table(s)");
      boolean failed = false;
      for (ReplicatedTable table : tables) {
        TableConflicts found;
        try {
          found =
              bulk.findConflicts(
                  new ConflictRequest(
                      table,
                      request.oldRegion(),
                      writer,
                      request.windowStartMillis(),
                      MAX_LISTED_CONFLICTS));
        } catch (ActivityFailure failure) {
          failed = true;
          findings.add(
              Finding.fail(
                  "dynamodb-conflicts",
                  table.table(),
                  "not compared: " + reason(failure),
                  "no item written in both regions"));
          continue;
        }
        conflicts.add(found);
        String resource = table.table() + " (" + request.oldRegion() + " vs " + writer + ")";
        findings.add(
            found.total() == 0
                ? Finding.pass(
                    "dynamodb-conflicts",
                    resource,
                    "0 of " + found.compared() + " items differ",
                    "no item written in both regions")
                : Finding.fail(
                    "dynamodb-conflicts",
                    resource,
                    found.total()
                        + " of "
                        + found.compared()
                        + " items differ in "
                        + table.versionAttribute()
                        + " or "
                        + table.lastWriterRegionAttribute()
                        + "; last-writer-wins kept one version of each: compare both and replay"
                        + " what must not be lost",
                    "no item written in both regions"));
        if (found.onlyInOldRegion() > 0) {
          findings.add(
              Finding.warn(
                  "dynamodb-unreplicated",
                  resource,
                  found.onlyInOldRegion()
                      + " items exist only in "
                      + request.oldRegion()
                      + ": written there and not replicated",
                  "every item of " + request.oldRegion() + " replicated to " + writer));
        }
      }
      long total = conflicts.stream().mapToLong(TableConflicts::total).sum();
      finish(
          CHECK_CONFLICTS,
          failed ? CheckState.FAILED : CheckState.DONE,
          total + " conflict(s) in " + conflicts.size() + " table(s)");
    }
    sections.add(new ReconcileSection("DynamoDB", findings));
  }

  private void checkQueues() {
    List<Finding> findings = new ArrayList<>();
    List<QueueRef> queues = estate.queues(request.oldRegion());
    if (queues.isEmpty()) {
      skip(CHECK_STRANDED, "the estate names no queues in " + request.oldRegion());
      skip(CHECK_REDRIVE, "the estate names no queues in " + request.oldRegion());
      sections.add(new ReconcileSection("SQS", findings));
      return;
    }
    QueueBacklogs counted =
        check(
            CHECK_STRANDED,
            () -> oldRegion.countStranded(new StrandedRequest(request.oldRegion(), queues)),
            b -> b.queues().stream().mapToLong(QueueBacklog::messages).sum() + " message(s)");
    if (counted == null) {
      findings.add(
          Finding.fail(
              "sqs-stranded",
              "queues of " + request.oldRegion(),
              "not counted: " + lastFailure,
              "no messages left in " + request.oldRegion()));
    } else {
      backlogs.addAll(counted.queues());
    }
    List<QueueRef> toRedrive =
        queues.stream().filter(q -> q.redrive() && q.deadLetterQueue() != null).toList();
    for (QueueBacklog backlog : backlogs) {
      boolean redriven =
          backlog.deadLetter()
              && toRedrive.stream().anyMatch(q -> q.deadLetterQueue().equals(backlog.queue()));
      String resource = backlog.queue() + " in " + backlog.region();
      if (backlog.missing()) {
        findings.add(
            Finding.warn(
                "sqs-stranded", resource, "the queue does not exist", "the estate's queue"));
      } else if (backlog.messages() == 0) {
        findings.add(Finding.pass("sqs-stranded", resource, "0 messages", "0 messages"));
      } else if (!redriven) {
        findings.add(
            Finding.warn(
                "sqs-stranded",
                resource,
                backlog.messages()
                    + " message(s) ("
                    + backlog.visible()
                    + " visible, "
                    + backlog.inFlight()
                    + " in flight, "
                    + backlog.delayed()
                    + " delayed)"
                    + (backlog.deadLetter()
                        ? "; redrive is off for this dead-letter queue in the estate"
                        : "; its consumers in " + backlog.region() + " are stopped"),
                "0 messages: drain or move them to " + writer));
      }
    }
    redrive(toRedrive, findings);
    sections.add(new ReconcileSection("SQS", findings));
  }

  private void redrive(List<QueueRef> toRedrive, List<Finding> findings) {
    if (toRedrive.isEmpty()) {
      skip(CHECK_REDRIVE, "the estate allows no redrive from " + request.oldRegion());
      return;
    }
    start(CHECK_REDRIVE, toRedrive.size() + " dead-letter queue(s) to " + writer);
    boolean failed = false;
    for (QueueRef queue : toRedrive) {
      String resource = queue.deadLetterQueue() + " in " + request.oldRegion();
      String expected = "its dead letters moved to " + queue.queue() + " in " + writer;
      try {
        RedriveResult moved =
            bulk.redriveDeadLetters(
                new RedriveRequest(
                    queue.deadLetterQueue(),
                    request.oldRegion(),
                    queue.queue(),
                    writer,
                    MAX_REDRIVE));
        redrives.add(moved);
        String observed =
            moved.moved()
                + " moved to "
                + queue.queue()
                + " in "
                + writer
                + " (at least once), about "
                + moved.remaining()
                + " left";
        findings.add(
            moved.remaining() == 0
                ? Finding.pass("sqs-redrive", resource, observed, expected)
                : Finding.warn("sqs-redrive", resource, observed, expected));
      } catch (ActivityFailure failure) {
        failed = true;
        findings.add(
            Finding.fail("sqs-redrive", resource, "not redriven: " + reason(failure), expected));
      }
    }
    long moved = redrives.stream().mapToLong(RedriveResult::moved).sum();
    finish(CHECK_REDRIVE, failed ? CheckState.FAILED : CheckState.DONE, moved + " moved");
  }

  private ReconcileReport store(ReconcileReport built) {
    String key =
        check(
            CHECK_STORE,
            () ->
                writerSide.storeReport(
                    new StoreReportRequest(
                        estate.authority().table(), writer, startedAtMillis, built)),
            k -> "pk=" + request.app() + ", sk=" + k + " in " + writer);
    if (key == null) {
      return new ReconcileReport(
          built.app(),
          built.workflowId(),
          built.oldRegion(),
          built.writerRegion(),
          built.failoverWorkflowId(),
          built.requestedBy(),
          built.outcome(),
          built.summary() + "; the report could not be stored in the audit trail: " + lastFailure,
          built.startedAt(),
          built.windowStart(),
          built.recoveredAt(),
          built.recoveredBy(),
          built.finishedAt(),
          built.sections(),
          built.conflicts(),
          built.backlogs(),
          built.redrives(),
          null);
    }
    return built.storedAs(key);
  }

  private ReconcileReport buildReport(ReconcileOutcome outcome, String summary) {
    return new ReconcileReport(
        request.app(),
        Workflow.getInfo().getWorkflowId(),
        request.oldRegion(),
        writer,
        request.failoverWorkflowId(),
        request.requestedBy(),
        outcome,
        summary,
        Instant.ofEpochMilli(startedAtMillis).toString(),
        request.windowStartMillis() > 0
            ? Instant.ofEpochMilli(request.windowStartMillis()).toString()
            : null,
        recoveredAt,
        recoveredBy,
        now(),
        sections,
        conflicts,
        backlogs,
        redrives,
        null);
  }

  private String summary() {
    long fail = count(Verdict.FAIL);
    long warn = count(Verdict.WARN);
    if (fail == 0 && warn == 0) {
      return request.oldRegion() + " is reconciled with " + writer;
    }
    return fail + " failed and " + warn + " warning finding(s) need an operator";
  }

  private long count(Verdict verdict) {
    return sections.stream()
        .flatMap(s -> s.findings().stream())
        .filter(f -> f.verdict() == verdict)
        .count();
  }

  private Verdict worst() {
    Verdict worst = Verdict.PASS;
    for (ReconcileSection section : sections) {
      if (section.verdict().compareTo(worst) > 0) {
        worst = section.verdict();
      }
    }
    return worst;
  }

  /**
   * Runs one check's activity, keeping its progress in status. A failure is recorded in {@link
   * #lastFailure} and returns null, so the report says what could not be checked.
   */
  private <T> T check(String name, Supplier<T> call, Function<T, String> done) {
    start(name, null);
    try {
      T result = call.get();
      finish(name, CheckState.DONE, done.apply(result));
      return result;
    } catch (ActivityFailure failure) {
      lastFailure = reason(failure);
      finish(name, CheckState.FAILED, lastFailure);
      return null;
    }
  }

  private void start(String name, String detail) {
    int index = index(name);
    checks.set(index, new CheckProgress(name, CheckState.RUNNING, now(), null, detail));
    publish();
  }

  private void skip(String name, String why) {
    String at = now();
    checks.set(index(name), new CheckProgress(name, CheckState.SKIPPED, at, at, why));
    publish();
  }

  private void finish(String name, CheckState state, String detail) {
    finish(index(name), state, detail);
  }

  private void finish(int index, CheckState state, String detail) {
    CheckProgress check = checks.get(index);
    checks.set(
        index,
        new CheckProgress(
            check.name(),
            state,
            check.startedAt() == null ? now() : check.startedAt(),
            now(),
            detail));
    publish();
  }

  private int index(String name) {
    for (int i = 0; i < checks.size(); i++) {
      if (checks.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("no check " + name);
  }

  private static String describeWriter(AuroraTopology topology) {
    ClusterMember writer = topology.writer();
    return writer == null ? "none" : writer.clusterArn();
  }

  private static String reason(ActivityFailure failure) {
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    String message =
        cause instanceof ApplicationFailure application
            ? application.getOriginalMessage()
            : cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, "InvalidReconcileRequest");
  }

  private void publish() {
    Workflow.setCurrentDetails(ReconcileMarkdown.render(status()));
  }

  private static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
