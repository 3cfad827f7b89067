package dev.regionfailover.workflows.estate;

/** The DynamoDB table holding the authority ledger and its audit trail, one copy per region. */
public record AuthorityConfig(String table) {}
