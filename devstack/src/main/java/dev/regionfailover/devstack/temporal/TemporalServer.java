package dev.regionfailover.devstack.temporal;

/** A Temporal server on 127.0.0.1 that the dev stack started. */
public interface TemporalServer extends AutoCloseable {

  /** The gRPC target of its frontend, {@code 127.0.0.1:PORT}. */
  String target();

  /** Whether it serves the Schedules API; the Java test server does not. */
  boolean supportsSchedules();

  /** Stops the server; whatever it held is lost. */
  @Override
  void close();
}
