package dev.regionfailover.worker.quota;

import dev.regionfailover.workflows.estate.HostedZone;
import java.util.List;

/** The Route 53 records a {@link QuotaBurstWorkflow} points at {@code value}, all at once. */
public record QuotaBurst(HostedZone zone, List<String> names, String value) {}
