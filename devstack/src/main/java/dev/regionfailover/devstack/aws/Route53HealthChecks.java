package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status of Route 53 health checks, which moto cannot report: it answers every check it knows
 * as healthy, and it chooses the ids of the checks it creates, so it cannot know the ids an estate
 * names. The stand-in serves {@code GetHealthCheckStatus} itself for every id given a status here,
 * by id, with or without a matching moto health check, and forwards every other id to moto. Thread-
 * safe; {@link AwsStandIn#reset()} forgets every status.
 */
public final class Route53HealthChecks {

  private final Map<String, Boolean> statuses = new ConcurrentHashMap<>();

  Route53HealthChecks() {}

  /** Makes health check {@code id} report {@code healthy} from every checker, from now on. */
  public void setHealthy(String id, boolean healthy) {
    statuses.put(requireNonNull(id, "id is null"), healthy);
  }

  /** Whether {@code id} is healthy, or empty when no status was set for it. */
  Optional<Boolean> healthy(String id) {
    return Optional.ofNullable(statuses.get(id));
  }

  void reset() {
    statuses.clear();
  }
}
