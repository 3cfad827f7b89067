package dev.regionfailover.workflows.authority;

import io.temporal.activity.ActivityInterface;

/** The authority ledger: one DynamoDB item per app, changed only by conditional writes. */
@ActivityInterface(namePrefix = "Authority")
public interface AuthorityActivities {

  /**
   * Reads the ledger in every region. Fails non-retryably when the copies disagree, because then no
   * one can say which region is authoritative.
   */
  AuthorityRecord read(ReadAuthorityRequest request);

  /**
   * Moves the ledger to a new epoch in every region. A retry that finds its own change already
   * written succeeds; any other epoch is a non-retryable conflict: someone else changed authority.
   */
  AuthorityRecord transition(AuthorityTransition request);
}
