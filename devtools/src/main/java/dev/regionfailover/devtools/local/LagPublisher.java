package dev.regionfailover.devtools.local;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.workflows.estate.Estate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each estate's replication lag metric fresh in the emulator, so that ASSESS finds a recent
 * reading below the estate's limit; provisioning published the first one. Closing it stops the
 * publishing.
 */
final class LagPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LagPublisher.class);

  private final ScheduledExecutorService scheduler;

  private LagPublisher(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  /** Publishes {@link LocalStackConfig#REPORTED_LAG} every {@link LocalStackConfig#LAG_PERIOD}. */
  static LagPublisher start(EstateProvisioner provisioner, List<Estate> estates) {
    requireNonNull(provisioner, "provisioner is null");
    List<Estate> published = List.copyOf(estates);
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "lag-publisher");
              thread.setDaemon(true);
              return thread;
            });
    Runnable publish =
        () -> {
          for (Estate estate : published) {
            try {
              provisioner.publishLag(estate, LocalStackConfig.REPORTED_LAG);
            } catch (RuntimeException e) {
              log.warn("Cannot publish the replication lag of {}: {}", estate.app(), e.toString());
            }
          }
        };
    long period = LocalStackConfig.LAG_PERIOD.toMillis();
    scheduler.scheduleAtFixedRate(publish, period, period, TimeUnit.MILLISECONDS);
    return new LagPublisher(scheduler);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
