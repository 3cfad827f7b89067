package dev.regionfailover.workflows.readiness;

import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import java.util.List;

/**
 * Every readiness finding for a failover of {@code app} from {@code sourceRegion} (the current
 * writer) to {@code targetRegion}, checked at {@code checkedAtMillis} (epoch milliseconds).
 */
public record ReadinessReport(
    String app,
    String sourceRegion,
    String targetRegion,
    List<Finding> findings,
    long checkedAtMillis) {

  public ReadinessReport {
    findings = List.copyOf(findings);
  }

  /** Whether nothing failed; warnings do not stop a failover. */
  public boolean ready() {
    return findings.stream().noneMatch(f -> f.verdict() == Verdict.FAIL);
  }
}
