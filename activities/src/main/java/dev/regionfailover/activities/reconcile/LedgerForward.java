package dev.regionfailover.activities.reconcile;

import static dev.regionfailover.activities.reconcile.ReconcileActivitiesImpl.LEDGER_DISAGREEMENT;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.ledger.LedgerTable;
import dev.regionfailover.activities.ledger.LedgerTable.LedgerWrite;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.reconcile.LedgerForwardRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Brings the old region's copy of the authority ledger forward to the writer region's, with its
 * audit item, once the old region is back.
 */
final class LedgerForward {

  private static final Logger log = LoggerFactory.getLogger(LedgerForward.class);

  private final LedgerTable ledger;

  LedgerForward(AwsClients clients) {
    this.ledger = new LedgerTable(clients);
  }

  /** Brings the old region's copy of the ledger to the writer region's epoch. */
  Finding bringForward(LedgerForwardRequest request) {
    String table = request.table();
    String old = request.oldRegion();
    String resource = table + " in " + old;
    Map<String, AttributeValue> current =
        ledger.ledger(request.app(), table, request.writerRegion()).orElse(null);
    if (current == null) {
      return Finding.fail(
          "authority-ledger-copy",
          resource,
          "no ledger item of " + request.app() + " in " + request.writerRegion() + " to copy",
          "the writer region's ledger item");
    }
    long epoch = LedgerTable.epoch(current);
    String expected =
        "epoch " + epoch + " like " + request.writerRegion() + " (" + describe(current) + ")";
    Map<String, AttributeValue> copy = ledger.ledger(request.app(), table, old).orElse(null);
    long copyEpoch = copy == null ? 0 : LedgerTable.epoch(copy);
    if (copy != null && copyEpoch > epoch) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the authority ledger copy of "
              + request.app()
              + " in "
              + old
              + " is ahead of "
              + request.writerRegion()
              + "'s: "
              + describe(copy)
              + " vs "
              + describe(current)
              + "; the epoch only grows, so run ./failover recover "
              + request.app()
              + " to settle every copy on Aurora's writer, then reconcile again",
          LEDGER_DISAGREEMENT);
    }
    if (copy != null && copyEpoch == epoch) {
      if (sameAuthority(copy, current)) {
        return Finding.pass(
            "authority-ledger-copy", resource, "already current: " + describe(copy), expected);
      }
      throw ApplicationFailure.newNonRetryableFailure(
          "the authority ledger copies of "
              + request.app()
              + " disagree at epoch "
              + epoch
              + ": "
              + old
              + " says "
              + describe(copy)
              + ", "
              + request.writerRegion()
              + " says "
              + describe(current)
              + "; run ./failover recover "
              + request.app()
              + " to settle every copy on Aurora's writer, then reconcile again",
          LEDGER_DISAGREEMENT);
    }
    Map<String, AttributeValue> audit =
        ledger.audit(request.app(), table, request.writerRegion(), epoch).orElse(null);
    writeForward(request, current, copy == null ? null : copyEpoch, audit);
    String before = copy == null ? "no ledger item" : describe(copy);
    log.info(
        "Brought the ledger copy of {} in {} forward from {} to epoch {}",
        request.app(),
        old,
        before,
        epoch);
    return Finding.pass(
        "authority-ledger-copy",
        resource,
        "brought forward from " + before + " to epoch " + epoch + " (" + describe(current) + ")",
        expected);
  }

  /** Writes the current ledger item and its audit item into the old region in one transaction. */
  private void writeForward(
      LedgerForwardRequest request,
      Map<String, AttributeValue> current,
      Long copyEpoch,
      Map<String, AttributeValue> writerAudit) {
    long epoch = LedgerTable.epoch(current);
    String now = Instant.now().toString();
    Map<String, AttributeValue> audit =
        writerAudit != null
            ? new HashMap<>(writerAudit)
            : LedgerTable.auditOf(
                current, current.getOrDefault("updatedAt", AttributeValue.fromS(now)));
    audit.put("broughtForwardBy", AttributeValue.fromS(request.workflowId()));
    audit.put("broughtForwardAt", AttributeValue.fromS(now));
    audit.put(
        "broughtForwardFrom",
        AttributeValue.fromN(Long.toString(copyEpoch == null ? 0 : copyEpoch)));
    AttributeValue workflow =
        current.getOrDefault("workflowId", AttributeValue.fromS(request.workflowId()));
    String old = request.oldRegion();
    LedgerWrite outcome = ledger.write(old, request.table(), current, copyEpoch, audit, workflow);
    if (outcome.auditTaken()) {
      throw ApplicationFailure.newNonRetryableFailure(
          ("the audit trail of %s in %s already records epoch %d by another workflow, so the"
                  + " ledger was set back by hand; see the runbook's \"Setting authority by hand\""
                  + " to write every copy above that epoch")
              .formatted(request.app(), old, epoch),
          LEDGER_DISAGREEMENT);
    }
    if (!outcome.written()) {
      // The copy changed since it was read (or the transaction conflicted): a retry reads it again
      // and decides afresh.
      throw ApplicationFailure.newFailureWithCause(
          "the ledger copy of %s in %s changed while it was brought forward: %s; retrying"
              .formatted(request.app(), old, outcome.codes()),
          "LedgerCopyChanged",
          outcome.cancelled());
    }
  }

  private static boolean sameAuthority(
      Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
    return Objects.equals(LedgerTable.text(a, "state"), LedgerTable.text(b, "state"))
        && Objects.equals(LedgerTable.text(a, "writerRegion"), LedgerTable.text(b, "writerRegion"));
  }

  private static String describe(Map<String, AttributeValue> ledger) {
    String writer = LedgerTable.text(ledger, "writerRegion");
    return "epoch "
        + LedgerTable.epoch(ledger)
        + " "
        + LedgerTable.text(ledger, "state")
        + " writer "
        + (writer == null ? "none" : writer);
  }
}
