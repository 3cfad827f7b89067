package dev.regionfailover.starter;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where the Temporal frontend is; mixed into every command that talks to it. */
public final class TemporalOptions {

  @Option(
      names = "--temporal-address",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:TEMPORAL_ADDRESS:-127.0.0.1:7233}",
      description = "Temporal frontend (env TEMPORAL_ADDRESS, default ${DEFAULT-VALUE}).")
  private String address;

  @Option(
      names = "--namespace",
      paramLabel = "NAMESPACE",
      defaultValue = "${env:TEMPORAL_NAMESPACE:-default}",
      description = "Temporal namespace (env TEMPORAL_NAMESPACE, default ${DEFAULT-VALUE}).")
  private String namespace;

  public String address() {
    return address;
  }

  public String namespace() {
    return namespace;
  }

  /** Opens the connection these options describe, through the connector of the CLI running it. */
  public TemporalConnection connect(CommandSpec command) {
    FailoverCli cli = (FailoverCli) command.root().userObject();
    return cli.connector().connect(address, namespace);
  }
}
