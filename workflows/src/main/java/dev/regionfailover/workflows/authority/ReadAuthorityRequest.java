package dev.regionfailover.workflows.authority;

import java.util.List;

/** Reads the ledger copy in each region and checks that they agree. */
public record ReadAuthorityRequest(String app, String table, List<String> regions) {}
