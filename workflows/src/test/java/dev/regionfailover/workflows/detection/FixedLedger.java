package dev.regionfailover.workflows.detection;

import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.AuthorityTransition;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import java.util.concurrent.atomic.AtomicInteger;

/** An authority ledger whose writer is fixed; the monitor only reads it. */
final class FixedLedger implements AuthorityActivities {

  private final String writer;
  private final AtomicInteger reads = new AtomicInteger();

  FixedLedger(String writer) {
    this.writer = writer;
  }

  int reads() {
    return reads.get();
  }

  @Override
  public AuthorityRecord read(ReadAuthorityRequest request) {
    reads.incrementAndGet();
    return new AuthorityRecord(
        request.app(), writer, 1, AuthorityState.ACTIVE, "provisioner", "2026-01-01T00:00:00Z");
  }

  @Override
  public AuthorityRecord transition(AuthorityTransition request) {
    throw new AssertionError("the monitor must never change authority");
  }
}
