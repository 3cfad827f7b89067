package dev.regionfailover.starter;

/** Opens a connection to a Temporal frontend. */
@FunctionalInterface
public interface TemporalConnector {

  /**
   * Connects to the frontend at {@code address} and the given namespace.
   *
   * @throws CliFailure when the frontend cannot be reached
   */
  TemporalConnection connect(String address, String namespace);
}
