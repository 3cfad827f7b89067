package dev.regionfailover.activities.reconcile;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.activities.rds.GlobalClusters;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.reconcile.ConflictRequest;
import dev.regionfailover.workflows.reconcile.LedgerForwardRequest;
import dev.regionfailover.workflows.reconcile.ProbeRequest;
import dev.regionfailover.workflows.reconcile.ProbeResult;
import dev.regionfailover.workflows.reconcile.QueueBacklogs;
import dev.regionfailover.workflows.reconcile.ReconcileActivities;
import dev.regionfailover.workflows.reconcile.RedriveRequest;
import dev.regionfailover.workflows.reconcile.RedriveResult;
import dev.regionfailover.workflows.reconcile.StoreReportRequest;
import dev.regionfailover.workflows.reconcile.StrandedRequest;
import dev.regionfailover.workflows.reconcile.TableConflicts;
import jakarta.inject.Inject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.model.DBCluster;

/** Reconciliation against DynamoDB, SQS and RDS of the old and the writer region. */
public final class ReconcileActivitiesImpl implements ReconcileActivities {

  /** Failure type when the ledger copies disagree in a way only a person can repair. */
  public static final String LEDGER_DISAGREEMENT = "LedgerCopiesDisagree";

  /** The replication timestamp (epoch seconds) DynamoDB global tables keep on each item. */
  static final String REPLICATION_TIME = "aws:rep:updatetime";

  private static final Logger log = LoggerFactory.getLogger(ReconcileActivitiesImpl.class);

  private final GlobalClusters globalClusters;
  private final ConflictScan conflicts;
  private final DeadLetters deadLetters;
  private final LedgerForward ledgerForward;
  private final ReportStore reports;

  @Inject
  public ReconcileActivitiesImpl(AwsClients clients) {
    this.globalClusters = new GlobalClusters(requireNonNull(clients, "clients is null"));
    this.conflicts = new ConflictScan(clients);
    this.deadLetters = new DeadLetters(clients);
    this.ledgerForward = new LedgerForward(clients);
    this.reports = new ReportStore(clients);
  }

  @Override
  public ProbeResult probeRegion(ProbeRequest request) {
    String id = request.clusterArn().substring(request.clusterArn().lastIndexOf(':') + 1);
    try {
      Optional<DBCluster> found = globalClusters.cluster(request.region(), id);
      return new ProbeResult(
          request.region(),
          true,
          found.isPresent()
              ? "DescribeDBClusters of " + id + " answered (1)"
              : "DescribeDBClusters answered: " + id + " not found");
    } catch (SdkException e) {
      // Throttling, 5xx and connection failures mean the region is not back yet; any other answer,
      // even an error, proves that it answers.
      boolean answered = !AwsFailures.isRetryable(e);
      log.info(
          "Probe of {}: {} ({})",
          request.region(),
          answered ? "answered" : "no answer",
          AwsFailures.describe(e));
      return new ProbeResult(request.region(), answered, AwsFailures.describe(e));
    }
  }

  @Override
  public TableConflicts findConflicts(ConflictRequest request) {
    return conflicts.find(request);
  }

  @Override
  public QueueBacklogs countStranded(StrandedRequest request) {
    return deadLetters.countStranded(request);
  }

  @Override
  public RedriveResult redriveDeadLetters(RedriveRequest request) {
    return deadLetters.redrive(request);
  }

  @Override
  public Finding bringLedgerForward(LedgerForwardRequest request) {
    return ledgerForward.bringForward(request);
  }

  @Override
  public String storeReport(StoreReportRequest request) {
    return reports.store(request);
  }
}
