package dev.regionfailover.workflows.aurora;

import java.util.List;

/** Describes a global cluster, asking each region in turn until one answers. */
public record TopologyRequest(String globalCluster, List<String> regions) {}
