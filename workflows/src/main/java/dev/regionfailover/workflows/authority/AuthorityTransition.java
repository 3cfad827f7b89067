package dev.regionfailover.workflows.authority;

import java.util.List;

/**
 * A conditional change of the ledger from {@code expectedEpoch} to {@code newEpoch}, written to the
 * ledger copy of every region together with an audit record. {@code writerRegion} is null for
 * {@link AuthorityState#FENCED}.
 */
public record AuthorityTransition(
    String app,
    String table,
    List<String> regions,
    long expectedEpoch,
    long newEpoch,
    AuthorityState state,
    String writerRegion,
    String workflowId,
    String reason) {}
