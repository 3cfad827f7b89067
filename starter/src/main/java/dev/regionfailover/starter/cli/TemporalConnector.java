package dev.regionfailover.starter.cli;

import dev.regionfailover.connection.TemporalProfile;

/** Opens a connection to a Temporal frontend. */
@FunctionalInterface
public interface TemporalConnector {

  /**
   * Connects to the frontend at {@code address} and the given namespace, in plaintext and without
   * credentials, as to the local dev stack.
   *
   * @throws CliFailure when the frontend cannot be reached
   */
  TemporalConnection connect(String address, String namespace);

  /**
   * Connects as {@code profile} describes: address, namespace, TLS and credentials. Connectors that
   * only know local servers (as in tests) use its address and namespace.
   *
   * @throws CliFailure when the frontend cannot be reached
   */
  default TemporalConnection connect(TemporalProfile profile) {
    return connect(profile.address(), profile.namespace());
  }
}
