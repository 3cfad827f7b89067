package dev.regionfailover.activities.cloudwatch;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** CloudWatch metrics, read as the newest per-minute maximum. */
public final class Metrics {

  /** How far back the newest datapoint is looked for. */
  public static final Duration WINDOW = Duration.ofMinutes(10);

  private final AwsClients clients;

  public Metrics(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  /**
   * The newest per-minute maximum of the metric in the last {@link #WINDOW}, or empty when there is
   * none. Failures are the SDK's own, so that each caller judges an unreachable region its way.
   */
  public Optional<Datapoint> newest(
      String region, String namespace, String metric, List<Dimension> dimensions) {
    Instant now = Instant.now();
    List<Datapoint> datapoints =
        clients
            .cloudWatch(region)
            .getMetricStatistics(
                b ->
                    b.namespace(namespace)
                        .metricName(metric)
                        .dimensions(dimensions)
                        .startTime(now.minus(WINDOW))
                        // The end lies ahead so that a datapoint stamped within the current second
                        // is not cut off by second-precision times.
                        .endTime(now.plusSeconds(60))
                        .period(60)
                        .statistics(Statistic.MAXIMUM))
            .datapoints();
    return datapoints.stream().max(Comparator.comparing(Datapoint::timestamp));
  }

  /** A metric dimension. */
  public static Dimension dimension(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }
}
