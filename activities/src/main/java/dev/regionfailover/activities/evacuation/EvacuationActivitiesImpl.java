package dev.regionfailover.activities.evacuation;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.authority.AuthorityActivitiesImpl;
import dev.regionfailover.activities.aws.ActivityAccount;
import dev.regionfailover.activities.estate.EstateCatalog;
import dev.regionfailover.activities.estate.EstateScan;
import dev.regionfailover.activities.estate.InvalidEstateFile;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.evacuation.Candidate;
import dev.regionfailover.workflows.evacuation.Candidates;
import dev.regionfailover.workflows.evacuation.CandidatesRequest;
import dev.regionfailover.workflows.evacuation.EvacuationActivities;
import dev.regionfailover.workflows.failure.RootCause;
import io.temporal.failure.ApplicationFailure;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists every estate of the worker with the writer its authority ledger names. The evacuated region
 * may be the one that is down, so a ledger that cannot be reached in every region is read again
 * without that region's copy; a ledger whose copies disagree is listed with the problem.
 */
public final class EvacuationActivitiesImpl implements EvacuationActivities {

  private static final Logger log = LoggerFactory.getLogger(EvacuationActivitiesImpl.class);

  private final EstateCatalog catalog;
  private final AuthorityActivities ledger;

  public EvacuationActivitiesImpl(EstateCatalog catalog, AuthorityActivities ledger) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.ledger = requireNonNull(ledger, "ledger is null");
  }

  @Override
  public Candidates candidates(CandidatesRequest request) {
    EstateScan scan;
    try {
      scan = catalog.scan();
    } catch (UncheckedIOException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "cannot read the estates directory " + catalog.directory() + ": " + e.getCause(),
          EstateCatalog.INVALID_ESTATE,
          e);
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Estate estate : scan.estates()) {
      // Each app's ledger lives in the app's own account.
      candidates.add(ActivityAccount.in(estate.aws(), () -> candidate(estate, request.region())));
    }
    List<String> invalid = scan.invalid().stream().map(InvalidEstateFile::describe).toList();
    log.info(
        "Evacuation of {}: {} estate(s) read, {} invalid file(s)",
        request.region(),
        candidates.size(),
        invalid.size());
    return new Candidates(candidates, invalid);
  }

  private Candidate candidate(Estate estate, String region) {
    String table = estate.authority().table();
    try {
      AuthorityRecord record =
          ledger.read(new ReadAuthorityRequest(estate.app(), table, estate.regions()));
      return Candidate.of(estate, region, record.writerRegion(), record.state().name(), null);
    } catch (RuntimeException everywhere) {
      String problem = RootCause.message(everywhere);
      if (everywhere instanceof ApplicationFailure failure
          && AuthorityActivitiesImpl.DISAGREEMENT.equals(failure.getType())) {
        // Copies that disagree are no outage: none can be trusted until recovery settles them.
        return Candidate.of(estate, region, null, null, problem);
      }
      List<String> others = estate.regions().stream().filter(r -> !r.equals(region)).toList();
      if (others.size() == estate.regions().size() || others.isEmpty()) {
        return Candidate.of(estate, region, null, null, problem);
      }
      try {
        AuthorityRecord record = ledger.read(new ReadAuthorityRequest(estate.app(), table, others));
        log.warn(
            "The ledger of {} was read without {}'s copy, which failed: {}",
            estate.app(),
            region,
            problem);
        return Candidate.of(estate, region, record.writerRegion(), record.state().name(), null);
      } catch (RuntimeException elsewhere) {
        return Candidate.of(estate, region, null, null, RootCause.message(elsewhere));
      }
    }
  }
}
