package dev.regionfailover.devstack.estate;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Estate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the estate's traffic controls that only the AWS stand-in serves, ARC routing controls
 * and Global Accelerator endpoint groups, with traffic on the writer region.
 */
final class TrafficControlProvisioner {

  private static final Logger log = LoggerFactory.getLogger(TrafficControlProvisioner.class);
  private static final double FULL_DIAL = 100;

  private final EmulatorClients clients;

  TrafficControlProvisioner(EmulatorClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  void provision(Estate estate, String writer) {
    if (estate.traffic() == null) {
      return;
    }
    provisionArc(estate, writer);
    provisionGlobalAccelerator(estate, writer);
  }

  /** Registers the routing controls, the writer region's On and every other Off. */
  private void provisionArc(Estate estate, String writer) {
    if (estate.traffic().arc() == null) {
      return;
    }
    estate
        .traffic()
        .arc()
        .routingControls()
        .forEach(
            (region, arn) -> clients.standInApi().putRoutingControl(arn, region.equals(writer)));
    log.info(
        "Routing controls of {} registered: {}",
        estate.app(),
        estate.traffic().arc().routingControls());
  }

  /** Registers the endpoint groups, the writer region's dialled to 100 and every other to 0. */
  private void provisionGlobalAccelerator(Estate estate, String writer) {
    if (estate.traffic().globalAccelerator() == null) {
      return;
    }
    estate
        .traffic()
        .globalAccelerator()
        .endpointGroups()
        .forEach(
            (region, arn) ->
                clients
                    .standInApi()
                    .putEndpointGroup(arn, region, region.equals(writer) ? FULL_DIAL : 0));
    log.info(
        "Endpoint groups of {} registered: {}",
        estate.app(),
        estate.traffic().globalAccelerator().endpointGroups());
  }
}
