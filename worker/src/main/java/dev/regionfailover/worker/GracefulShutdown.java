package dev.regionfailover.worker;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.worker.health.Readiness;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * How the worker stops on SIGTERM: readiness turns 503 at once, polling stops, the activities in
 * flight get up to the grace period to finish and report their result, then the clients close and
 * the process exits 0. An activity still running when the grace runs out is named in the log and
 * left to Temporal, which retries it on another worker after its heartbeat or start-to-close
 * timeout; the exit code is 0 then too, since stopping was asked for.
 */
final class GracefulShutdown {

  private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

  /** How long abandoned activities get to notice their interruption before the clients close. */
  private static final Duration AFTER_GRACE = Duration.ofSeconds(5);

  private final Duration grace;
  private final Readiness readiness;
  private final WorkerFactory factory;
  private final DrainingActivities inFlight;
  private final List<AutoCloseable> resources;
  private final AtomicBoolean ran = new AtomicBoolean();

  /**
   * @param resources closed in this order once the worker has stopped
   */
  GracefulShutdown(
      Duration grace,
      Readiness readiness,
      WorkerFactory factory,
      DrainingActivities inFlight,
      List<AutoCloseable> resources) {
    this.grace = requireNonNull(grace, "grace is null");
    this.readiness = requireNonNull(readiness, "readiness is null");
    this.factory = requireNonNull(factory, "factory is null");
    this.inFlight = requireNonNull(inFlight, "inFlight is null");
    this.resources = List.copyOf(resources);
  }

  /**
   * Handles SIGTERM by stopping and exiting 0. Any other end of the JVM (SIGINT, an exit) stops the
   * same way from a shutdown hook, with the JVM's own exit code.
   */
  void install() {
    // The JVM runs a signal handler on a daemon thread, and would exit with 0 as soon as the
    // worker's own threads have ended, before every client is closed; a non-daemon thread (not
    // inherited: threads are daemons when their creator is) keeps it alive until the exit.
    Signal.handle(
        new Signal("TERM"),
        signal -> {
          Thread stopping =
              new Thread(
                  () -> {
                    run("SIGTERM");
                    System.exit(0);
                  },
                  "worker-sigterm");
          stopping.setDaemon(false);
          stopping.start();
        });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> run("JVM exit"), "worker-shutdown"));
  }

  /** Stops the worker once; later calls return at once. */
  void run(String cause) {
    if (!ran.compareAndSet(false, true)) {
      return;
    }
    readiness.stopping("received " + cause);
    List<String> running = inFlight.running();
    log.info(
        "Worker stopping ({}): polling stops; {} activities in flight get up to {} to finish{}",
        cause,
        running.size(),
        grace,
        running.isEmpty() ? "" : ": " + String.join(", ", running));
    factory.shutdown();
    factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    if (factory.isTerminated()) {
      log.info("Every activity in flight finished; closing the clients");
    } else {
      log.warn(
          "Shutdown grace of {} ran out; abandoning to Temporal's retry: {}",
          grace,
          String.join(", ", inFlight.running()));
      factory.shutdownNow();
      factory.awaitTermination(AFTER_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("Closing {} failed", resource, e);
      }
    }
    log.info("Worker stopped");
  }
}
