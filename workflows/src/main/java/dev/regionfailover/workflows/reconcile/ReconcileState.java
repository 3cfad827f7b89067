package dev.regionfailover.workflows.reconcile;

import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one reconciliation knows, shared by its phases: the request and estate, where it
 * stands for status, what the wait for the old region found, and the report's sections and details
 * as the checks add them.
 */
final class ReconcileState {

  final List<CheckProgress> checks = new ArrayList<>();
  final List<ReconcileSection> sections = new ArrayList<>();
  final List<TableConflicts> conflicts = new ArrayList<>();
  final List<QueueBacklog> backlogs = new ArrayList<>();
  final List<RedriveResult> redrives = new ArrayList<>();
  final List<String> refusedSignals = new ArrayList<>();

  ReconcileRequest request;
  Estate estate;
  String writer;
  ReconcileStage stage = ReconcileStage.STARTING;
  RecoveryWait waitingFor;
  RecoverySignal recovery;
  String recoveredAt;
  String recoveredBy;
  ReconcileReport report;
  long startedAtMillis;

  /** The message of the last failed check, for the finding that reports it. */
  String lastFailure;

  String oldRegion() {
    return request.oldRegion();
  }

  ReconcileStatus status() {
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

  void publish() {
    Workflow.setCurrentDetails(ReconcileMarkdown.render(status()));
  }

  void addSection(String title, List<Finding> findings) {
    sections.add(new ReconcileSection(title, findings));
  }

  /** The worst verdict of all sections; PASS without any. */
  Verdict worst() {
    Verdict worst = Verdict.PASS;
    for (ReconcileSection section : sections) {
      if (section.verdict().compareTo(worst) > 0) {
        worst = section.verdict();
      }
    }
    return worst;
  }

  long count(Verdict verdict) {
    return sections.stream()
        .flatMap(s -> s.findings().stream())
        .filter(f -> f.verdict() == verdict)
        .count();
  }

  static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
