package dev.regionfailover.activities.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.ledger.LedgerTable;
import dev.regionfailover.workflows.reconcile.ReconcileMarkdown;
import dev.regionfailover.workflows.reconcile.ReconcileReport;
import dev.regionfailover.workflows.reconcile.StoreReportRequest;
import dev.regionfailover.workflows.reconcile.TableConflicts;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Keeps reconcile reports in the audit trail of the authority ledger table. */
final class ReportStore {

  private static final Logger log = LoggerFactory.getLogger(ReportStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STORE_LIMIT_BYTES = 350_000;

  private final LedgerTable ledger;

  ReportStore(AwsClients clients) {
    this.ledger = new LedgerTable(clients);
  }

  /** Stores the report in the audit trail beside the ledger; returns its sort key. */
  String store(StoreReportRequest request) {
    ReconcileReport report = request.report();
    String key = LedgerTable.reportSortKey(request.startedAtMillis());
    ReconcileReport stored = report.storedAs(key);
    String markdown = ReconcileMarkdown.render(stored);
    String json = json(stored);
    if (size(json) + size(markdown) > STORE_LIMIT_BYTES) {
      // A DynamoDB item holds 400 KB; the listed conflicts are what grows, and the workflow's
      // result keeps them in full.
      ReconcileReport shorter =
          new ReconcileReport(
              stored.app(),
              stored.workflowId(),
              stored.oldRegion(),
              stored.writerRegion(),
              stored.failoverWorkflowId(),
              stored.requestedBy(),
              stored.outcome(),
              stored.summary()
                  + " (conflicting items are listed in the result of workflow "
                  + stored.workflowId()
                  + " only: too large for the audit item)",
              stored.startedAt(),
              stored.windowStart(),
              stored.recoveredAt(),
              stored.recoveredBy(),
              stored.finishedAt(),
              stored.sections(),
              stored.conflicts().stream()
                  .map(
                      c ->
                          new TableConflicts(
                              c.table(),
                              c.oldRegion(),
                              c.writerRegion(),
                              c.compared(),
                              c.total(),
                              c.onlyInOldRegion(),
                              List.of()))
                  .toList(),
              stored.backlogs(),
              stored.redrives(),
              key);
      markdown = ReconcileMarkdown.render(shorter);
      json = json(shorter);
    }
    Map<String, AttributeValue> item = new HashMap<>(LedgerTable.key(report.app(), key));
    item.put("workflowId", AttributeValue.fromS(report.workflowId()));
    item.put("outcome", AttributeValue.fromS(report.outcome().name()));
    item.put("oldRegion", AttributeValue.fromS(report.oldRegion()));
    item.put("writerRegion", AttributeValue.fromS(report.writerRegion()));
    item.put("at", AttributeValue.fromS(Instant.now().toString()));
    item.put("report", AttributeValue.fromS(json));
    item.put("markdown", AttributeValue.fromS(markdown));
    String resource =
        "reconcile report " + key + " of " + report.app() + " in table " + request.table();
    if (!ledger.putReport(request.region(), request.table(), item, resource)) {
      throw ApplicationFailure.newNonRetryableFailure(
          resource + " in " + request.region() + " already holds another workflow's report",
          "ReportKeyTaken");
    }
    log.info("Stored {} in {}", resource, request.region());
    return key;
  }

  private static int size(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String json(ReconcileReport report) {
    try {
      return JSON.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the reconcile report as JSON", e);
    }
  }
}
