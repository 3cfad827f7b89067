package dev.regionfailover.workflows.reconcile;

import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import java.util.List;

/** The findings of one check of the report, such as Aurora or SQS. */
public record ReconcileSection(String title, List<Finding> findings) {

  public ReconcileSection {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  /** The worst verdict of the section's findings; PASS for a section without any. */
  public Verdict verdict() {
    Verdict worst = Verdict.PASS;
    for (Finding finding : findings) {
      if (finding.verdict().compareTo(worst) > 0) {
        worst = finding.verdict();
      }
    }
    return worst;
  }
}
