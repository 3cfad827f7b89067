package dev.regionfailover.workflows.evacuation;

import io.temporal.activity.ActivityInterface;

/** What an evacuation reads before it plans. */
@ActivityInterface(namePrefix = "Evacuation")
public interface EvacuationActivities {

  /**
   * Every estate of the worker with its current writer from its authority ledger. An app whose
   * ledger cannot be read is listed with the problem rather than failing the whole read.
   */
  Candidates candidates(CandidatesRequest request);
}
