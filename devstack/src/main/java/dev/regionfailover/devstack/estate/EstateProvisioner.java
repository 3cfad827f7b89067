package dev.regionfailover.devstack.estate;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Estate;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates in the emulator every resource an estate names, in the state of a healthy application
 * whose first region ({@code regions[0]}) holds write authority: traffic and the writer record
 * point there, its Aurora cluster is the global writer, its fleets and background workers run and
 * its writes are enabled, while the other regions stand by with their workers disabled. ARC routing
 * controls and Global Accelerator endpoint groups, which only the AWS stand-in serves, are
 * registered through its own API, so provisioning needs a stand-in, not plain moto, for estates
 * that use them. Guard parameters read the same everywhere. Tests and {@code ./failover dev} run it
 * once per fresh moto. Each kind of resource has a provisioner of its own; this class runs them in
 * order.
 */
public final class EstateProvisioner {

  /** The replication lag {@link #provision} publishes once. */
  public static final Duration INITIAL_LAG = Duration.ofMillis(800);

  private static final Logger log = LoggerFactory.getLogger(EstateProvisioner.class);

  private final AuroraProvisioner aurora;
  private final RecordProvisioner records;
  private final TrafficControlProvisioner trafficControls;
  private final LedgerProvisioner ledger;
  private final PinsProvisioner pins;
  private final FleetProvisioner fleets;
  private final WorkerProvisioner workers;
  private final ParameterProvisioner parameters;
  private final QueueProvisioner queues;
  private final ReplicatedTableProvisioner replicatedTables;
  private final DetectionProvisioner detection;

  public EstateProvisioner(EmulatorClients clients) {
    requireNonNull(clients, "clients is null");
    this.aurora = new AuroraProvisioner(clients);
    this.records = new RecordProvisioner(clients);
    this.trafficControls = new TrafficControlProvisioner(clients);
    this.ledger = new LedgerProvisioner(clients);
    this.pins = new PinsProvisioner(clients);
    this.fleets = new FleetProvisioner(clients);
    this.workers = new WorkerProvisioner(clients);
    this.parameters = new ParameterProvisioner(clients);
    this.queues = new QueueProvisioner(clients);
    this.replicatedTables = new ReplicatedTableProvisioner(clients);
    this.detection = new DetectionProvisioner(clients);
  }

  /**
   * Creates the estate's resources with {@code regions[0]} as the writer region and seeds {@code
   * entities} pinned entities into every region's pins table.
   */
  public void provision(Estate estate, int entities) {
    requireNonNull(estate, "estate is null");
    if (entities < 0) {
      throw new IllegalArgumentException("entities is negative: " + entities);
    }
    String writer = estate.regions().get(0);
    log.info("Provisioning estate {} in the emulator with writer region {}", estate.app(), writer);
    String writerEndpoint = aurora.provision(estate);
    records.provision(estate, writer, writerEndpoint);
    trafficControls.provision(estate, writer);
    for (String region : estate.regions()) {
      boolean writes = region.equals(writer);
      ledger.provision(estate, region, writer);
      if (estate.pins() != null) {
        pins.provision(estate.pins(), estate.regions(), region, entities);
      }
      fleets.provision(estate, region, writes);
      workers.provision(estate, region, writes);
      parameters.provisionGuards(estate.guards(), region);
      queues.provision(estate, region);
      replicatedTables.provision(estate, region);
      parameters.provisionWritesEnabled(estate, region, writes);
    }
    publishLag(estate, INITIAL_LAG);
    if (estate.detection() != null) {
      detection.provision(estate.detection());
    }
    log.info("Estate {} provisioned", estate.app());
  }

  /**
   * Publishes one {@code AuroraGlobalDBRPOLag} datapoint of {@code lag} for every cluster of the
   * estate, in the cluster's region, timestamped now.
   */
  public void publishLag(Estate estate, Duration lag) {
    requireNonNull(estate, "estate is null");
    requireNonNull(lag, "lag is null");
    aurora.publishLag(estate, lag);
  }
}
