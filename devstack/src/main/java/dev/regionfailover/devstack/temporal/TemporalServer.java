package dev.regionfailover.devstack.temporal;

import java.time.Duration;
import java.util.Optional;

/** A Temporal server on 127.0.0.1 that the dev stack started. */
public interface TemporalServer extends AutoCloseable {

  /** The gRPC target of its frontend, {@code 127.0.0.1:PORT}. */
  String target();

  /** The address of its Web UI; empty for a headless server and for the Java test server. */
  Optional<String> uiAddress();

  /** Whether it serves the Schedules API; the Java test server does not. */
  boolean supportsSchedules();

  /**
   * The sticky-queue schedule-to-start timeout that workers attached to this server must use: the
   * Java test server ignores the timeout, so its workers need zero, or a workflow of a worker that
   * died would be stranded on that worker's sticky queue.
   */
  Duration stickyScheduleToStartTimeout();

  /** Stops the server; whatever it held is lost. */
  @Override
  void close();
}
