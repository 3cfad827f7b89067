package dev.regionfailover.workflows.readiness;

import dev.regionfailover.workflows.estate.Guards;
import dev.regionfailover.workflows.estate.Route53Traffic;
import dev.regionfailover.workflows.estate.WriterRecord;
import java.util.List;

/**
 * The promotion guards of an estate: schema versions equal in every region, no migration in
 * progress, failover record TTLs within bounds. {@code traffic} may be null. When {@code
 * sourceMayBeUnreachable} (UNPLANNED), a guard that cannot be read in the source region is a
 * warning naming the region, not a failure.
 */
public record GuardRequest(
    Guards guards,
    List<String> regions,
    String sourceRegion,
    String targetRegion,
    Route53Traffic traffic,
    WriterRecord writerRecord,
    boolean sourceMayBeUnreachable) {}
