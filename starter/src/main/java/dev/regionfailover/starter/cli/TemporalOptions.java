package dev.regionfailover.starter.cli;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.connection.ConnectionOptions;
import dev.regionfailover.connection.TemporalProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The Temporal connection of a CLI command: the shared connection flags, mixed into every command
 * that talks to Temporal, resolved from the process's environment and opened through the connector
 * the CLI's {@link CommandFactory} gives it.
 */
public final class TemporalOptions {

  private final TemporalConnector connector;

  @Mixin private ConnectionOptions connection;

  private TemporalProfile resolved;

  public TemporalOptions(TemporalConnector connector) {
    this.connector = requireNonNull(connector, "connector is null");
  }

  /**
   * The connection these options, the environment and the config file describe.
   *
   * @throws ParameterException listing every problem, when they describe no usable connection
   */
  public TemporalProfile profile(CommandSpec command) {
    List<String> problems = new ArrayList<>();
    Optional<TemporalProfile> profile = connection.resolve(System.getenv(), problems);
    if (profile.isEmpty()) {
      throw new ParameterException(command.commandLine(), String.join("; ", problems));
    }
    resolved = profile.get();
    return resolved;
  }

  /** The Temporal address: the resolved one once {@link #profile} ran, else the flag's. */
  public String address() {
    return resolved != null ? resolved.address() : connection.address();
  }

  /** Opens the connection these options describe. */
  public TemporalConnection connect(CommandSpec command) {
    return connector.connect(profile(command));
  }
}
