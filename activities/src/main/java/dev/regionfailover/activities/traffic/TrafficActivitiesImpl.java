package dev.regionfailover.activities.traffic;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.workflows.traffic.LayerRequest;
import dev.regionfailover.workflows.traffic.LayerState;
import dev.regionfailover.workflows.traffic.TrafficActivities;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and moves weighted and failover Route 53 records, ARC routing controls and Global
 * Accelerator dials. A change raises the regions that gain traffic before it lowers the others, so
 * that some region takes traffic at every moment, and is read back before it counts as done. A
 * simple Route 53 record is {@code DnsActivities}' job.
 */
public final class TrafficActivitiesImpl implements TrafficActivities {

  private static final Logger log = LoggerFactory.getLogger(TrafficActivitiesImpl.class);

  private final TrafficLayers layers;

  @Inject
  public TrafficActivitiesImpl(AwsClients clients) {
    this(clients, Duration.ofSeconds(5), new SecureRandom());
  }

  /**
   * @param pollInterval how long to wait between looks at a Route 53 change not in sync yet
   * @param random orders the ARC cluster endpoints of each call
   */
  public TrafficActivitiesImpl(AwsClients clients, Duration pollInterval, Random random) {
    this.layers = new TrafficLayers(clients, pollInterval, random);
  }

  @Override
  public LayerState read(LayerRequest request) {
    return layers.read(request);
  }

  @Override
  public LayerState apply(LayerState desired) {
    LayerControl control = layers.control(desired.traffic(), desired.layer());
    Map<String, Double> wanted = TrafficFailures.sorted(desired.values());
    if (desired.allOff()) {
      throw ApplicationFailure.newNonRetryableFailure(
          control.describe()
              + ": an update that would turn all off is refused: "
              + wanted
              + " leaves no region taking traffic",
          TrafficFailures.SAFETY_RULE);
    }
    wanted.forEach(control::check);
    List<String> regions = List.copyOf(wanted.keySet());
    Map<String, Double> current = control.read(regions);
    Map<String, Double> raise = new TreeMap<>();
    Map<String, Double> lower = new TreeMap<>();
    wanted.forEach(
        (region, value) -> {
          double now = current.get(region);
          if (value > now) {
            raise.put(region, value);
          } else if (value < now) {
            lower.put(region, value);
          }
        });
    if (raise.isEmpty() && lower.isEmpty()) {
      log.info("{} already {}; nothing to change", control.describe(), wanted);
      return new LayerState(desired.traffic(), desired.layer(), current);
    }
    log.info(
        "{}: {} -> {}; raising {} before lowering {}",
        control.describe(),
        TrafficFailures.sorted(current),
        wanted,
        raise,
        lower);
    // Raising first keeps a region taking traffic throughout: when the raise and the lower were
    // one change, a partial failure or a reader in between could see every region off.
    if (!raise.isEmpty()) {
      control.set(raise);
    }
    if (!lower.isEmpty()) {
      control.set(lower);
    }
    Map<String, Double> readBack = control.read(regions);
    if (!readBack.equals(wanted)) {
      throw ApplicationFailure.newFailure(
          "read back "
              + control.describe()
              + " after the change and found "
              + TrafficFailures.sorted(readBack)
              + ", expected "
              + wanted,
          TrafficFailures.READ_BACK_MISMATCH);
    }
    return new LayerState(desired.traffic(), desired.layer(), readBack);
  }
}
