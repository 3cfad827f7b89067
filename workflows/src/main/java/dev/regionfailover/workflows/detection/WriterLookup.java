package dev.regionfailover.workflows.detection;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.TopologyRequest;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import dev.regionfailover.workflows.failure.RootCause;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;

/**
 * The writer region: the authority ledger's, read from the healthiest region that answers, or
 * Aurora's writer member when the ledger has no item yet. A writer read is trusted for {@link
 * #WRITER_REREAD_ROUNDS} rounds.
 */
final class WriterLookup {

  private static final Logger log = Workflow.getLogger(RegionHealthMonitorWorkflowImpl.class);

  /** How many rounds a writer read from the ledger is trusted before it is read again. */
  static final int WRITER_REREAD_ROUNDS = 10;

  private final MonitorRun run;
  private final AuthorityActivities ledger;
  private final AuroraActivities aurora;

  WriterLookup(MonitorRun run, AuthorityActivities ledger, AuroraActivities aurora) {
    this.run = run;
    this.ledger = ledger;
    this.aurora = aurora;
  }

  /** The writer region; null while authority is fenced (a failover is under way) or unreadable. */
  String writer() {
    if (run.writerReadAt >= 0 && run.samples - run.writerReadAt < WRITER_REREAD_ROUNDS) {
      return run.writer;
    }
    List<String> order =
        run.regions.stream()
            .sorted(Comparator.comparing((RegionHealth r) -> r.verdict() == RegionVerdict.IMPAIRED))
            .map(RegionHealth::region)
            .toList();
    AuthorityRecord record = read(order);
    String found = null;
    if (record != null && record.state() == AuthorityState.FENCED) {
      run.note(
          "authority of %s is FENCED: a failover is under way; not starting one"
              .formatted(run.app));
    } else if (record != null && record.state() == AuthorityState.ACTIVE) {
      found = record.writerRegion();
    } else {
      found = auroraWriter(order);
    }
    run.writer = found;
    run.writerReadAt = found == null ? -1 : run.samples;
    return found;
  }

  /** Forgets the writer, so that the next round reads it again. */
  void forget() {
    run.writerReadAt = -1;
  }

  /** The ledger's item, from the first region in {@code order} that answers; null if none does. */
  private AuthorityRecord read(List<String> order) {
    for (String region : order) {
      try {
        return ledger.read(
            new ReadAuthorityRequest(run.app, run.estate.authority().table(), List.of(region)));
      } catch (ActivityFailure failure) {
        log.warn("Ledger of {} unreadable in {}: {}", run.app, region, RootCause.message(failure));
      }
    }
    return null;
  }

  private String auroraWriter(List<String> order) {
    try {
      AuroraTopology topology =
          aurora.describe(new TopologyRequest(run.estate.aurora().globalCluster(), order));
      ClusterMember member = topology.writer();
      if (member == null) {
        run.note(
            "Aurora global cluster %s has no writer member now"
                .formatted(topology.globalCluster()));
        return null;
      }
      return member.region();
    } catch (ActivityFailure failure) {
      run.note(
          "the writer of %s could not be read: %s".formatted(run.app, RootCause.message(failure)));
      return null;
    }
  }
}
