package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.flags.FlagValue;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.history.InterruptedFailover;
import dev.regionfailover.workflows.traffic.LayerState;
import java.util.List;
import java.util.Map;

/**
 * What a recovery read before proposing anything. A region missing from {@code ledgers}, {@code
 * fleets} or {@code writeFlags} did not answer.
 *
 * @param writerEndpoint the cluster endpoint of Aurora's writer
 * @param writerRecord where the estate's writer record points now, or null when it does not exist
 * @param trafficRecord where the estate's simple Route 53 traffic record points now; null when the
 *     record does not exist or the estate routes otherwise
 * @param layers every other traffic layer's per-region values
 * @param entitiesLeft entities still pinned to the interrupted failover's source, or -1 when they
 *     were not counted
 * @param interrupted what the interrupted failover did, or null when no run was named
 */
record RecoveryFacts(
    Map<String, AuthorityRecord> ledgers,
    AuroraTopology aurora,
    String writerEndpoint,
    String writerRecord,
    String trafficRecord,
    List<LayerState> layers,
    Map<String, FleetCapacity> fleets,
    Map<String, FlagValue> writeFlags,
    long entitiesLeft,
    InterruptedFailover interrupted) {}
