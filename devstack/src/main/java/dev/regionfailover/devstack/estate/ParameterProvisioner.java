package dev.regionfailover.devstack.estate;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.Guards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Sets a region's SSM parameters: its writes-enabled flag, on only in the writer region, and its
 * guard parameters, which read the same everywhere.
 */
final class ParameterProvisioner {

  /** The schema version every region's guard parameter holds, so that promotion guards pass. */
  private static final String SCHEMA_VERSION = "42";

  private static final Logger log = LoggerFactory.getLogger(ParameterProvisioner.class);

  private final EmulatorClients clients;

  ParameterProvisioner(EmulatorClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  /**
   * Sets the guard parameters of {@code region} to values that let a promotion proceed: the same
   * schema version everywhere, and no migration in progress. Existing values are kept, so that a
   * second run does not undo what a test or operator set.
   */
  void provisionGuards(Guards guards, String region) {
    putIfMissing(region, Guards.inRegion(guards.schemaVersionParameter(), region), SCHEMA_VERSION);
    putIfMissing(region, Guards.inRegion(guards.migrationInProgressParameter(), region), "false");
  }

  /**
   * Enables writes in {@code region} where it is the writer region, and disables them elsewhere.
   */
  void provisionWritesEnabled(Estate estate, String region, boolean writer) {
    clients
        .ssm(region)
        .putParameter(
            r ->
                r.name(estate.flags().writesEnabledParameter(region))
                    .type(ParameterType.STRING)
                    .value(Boolean.toString(writer))
                    .overwrite(true));
  }

  private void putIfMissing(String region, String name, String value) {
    if (name == null) {
      return;
    }
    try {
      clients
          .ssm(region)
          .putParameter(r -> r.name(name).type(ParameterType.STRING).value(value).overwrite(false));
    } catch (ParameterAlreadyExistsException e) {
      log.info("Guard parameter {} already exists in {}", name, region);
    }
  }
}
