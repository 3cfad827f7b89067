package dev.regionfailover.activities.fleet;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.estate.EventSourceMappingRef;
import dev.regionfailover.workflows.fleet.EventSourceMappingState;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;

/**
 * Lambda event source mappings, found by function and event source. A mapping's {@code State} moves
 * through {@code Enabling} to {@code Enabled} and through {@code Disabling} to {@code Disabled};
 * what counts is where it is heading, so {@code Enabling} reads as enabled and {@code Disabling} as
 * disabled. {@code Creating} and {@code Updating} do not tell, so they are waited out; a mapping
 * that is {@code Deleting} is as good as missing.
 */
final class EventSourceMappings {

  private static final Logger log = LoggerFactory.getLogger(EventSourceMappings.class);
  private static final String ENABLED = "Enabled";
  private static final String DISABLED = "Disabled";
  private static final Set<String> HEADING_ENABLED = Set.of(ENABLED, "Enabling");
  private static final Set<String> HEADING_DISABLED = Set.of(DISABLED, "Disabling");
  private static final String DELETING = "Deleting";

  /** Errors Lambda answers while another change of the mapping is in progress. */
  private static final Set<String> BUSY =
      Set.of("ResourceInUseException", "ResourceConflictException");

  private final AwsClients clients;
  private final Duration settleTimeout;
  private final Duration pollInterval;

  EventSourceMappings(AwsClients clients, Duration settleTimeout, Duration pollInterval) {
    this.clients = requireNonNull(clients, "clients is null");
    this.settleTimeout = requireNonNull(settleTimeout, "settleTimeout is null");
    this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
  }

  List<EventSourceMappingState> read(String region, List<EventSourceMappingRef> refs) {
    Instant deadline = Instant.now().plus(settleTimeout);
    List<EventSourceMappingState> states = new ArrayList<>();
    for (EventSourceMappingRef ref : refs) {
      Mapping mapping = awaitDirection(region, find(region, ref), deadline);
      states.add(
          new EventSourceMappingState(ref.function(), ref.eventSourceArn(), mapping.enabled()));
    }
    return states;
  }

  /**
   * Enables or disables each mapping whose direction differs, then waits until every mapping has
   * settled in its desired state ({@code Enabled} or {@code Disabled}), including those a previous
   * attempt changed and left in transition.
   */
  void apply(String region, List<EventSourceMappingState> desired) {
    Instant deadline = Instant.now().plus(settleTimeout);
    List<Awaited> unsettled = new ArrayList<>();
    for (EventSourceMappingState want : desired) {
      Mapping mapping =
          awaitDirection(
              region,
              find(region, new EventSourceMappingRef(want.function(), want.eventSourceArn())),
              deadline);
      if (mapping.enabled() != want.enabled()) {
        String state =
            AwsFailures.call(
                "UpdateEventSourceMapping",
                mapping.describe(),
                region,
                BUSY,
                () ->
                    clients
                        .lambda(region)
                        .updateEventSourceMapping(
                            b -> b.uuid(mapping.uuid()).enabled(want.enabled()))
                        .state());
        log.info(
            "{} {} in {} (was {}, now {})",
            want.enabled() ? "Enabled" : "Disabled",
            mapping.describe(),
            region,
            mapping.state(),
            state);
        unsettled.add(new Awaited(mapping.withState(state), want.enabled()));
      } else if (!mapping.settled()) {
        unsettled.add(new Awaited(mapping, want.enabled()));
      }
    }
    for (Awaited awaited : unsettled) {
      awaitSettled(region, awaited.mapping(), awaited.enabled(), deadline);
    }
  }

  private Mapping find(String region, EventSourceMappingRef ref) {
    String what =
        "Lambda event source mapping of function "
            + ref.function()
            + " from "
            + ref.eventSourceArn();
    List<EventSourceMappingConfiguration> found =
        AwsFailures.call(
            "ListEventSourceMappings",
            what,
            region,
            () ->
                clients
                    .lambda(region)
                    .listEventSourceMappingsPaginator(
                        b -> b.functionName(ref.function()).eventSourceArn(ref.eventSourceArn()))
                    .eventSourceMappings()
                    .stream()
                    .toList());
    if (found.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no " + what + " in " + region, FleetActivitiesImpl.FLEET_RESOURCE_NOT_FOUND);
    }
    if (found.size() > 1) {
      throw ApplicationFailure.newNonRetryableFailure(
          found.size()
              + " Lambda event source mappings of function "
              + ref.function()
              + " from "
              + ref.eventSourceArn()
              + " in "
              + region
              + " (UUIDs "
              + found.stream().map(EventSourceMappingConfiguration::uuid).toList()
              + "); the estate must name exactly one",
          FleetActivitiesImpl.FLEET_RESOURCE_AMBIGUOUS);
    }
    EventSourceMappingConfiguration only = found.get(0);
    if (DELETING.equals(only.state())) {
      throw ApplicationFailure.newNonRetryableFailure(
          what + " in " + region + " is being deleted (UUID " + only.uuid() + ")",
          FleetActivitiesImpl.FLEET_RESOURCE_NOT_FOUND);
    }
    return new Mapping(ref.function(), ref.eventSourceArn(), only.uuid(), only.state());
  }

  /** Waits until the mapping's state tells whether it is heading to enabled or disabled. */
  private Mapping awaitDirection(String region, Mapping mapping, Instant deadline) {
    Mapping current = mapping;
    while (!current.directionKnown()) {
      pause(region, current, "a known direction", deadline);
      current = current.withState(state(region, current));
    }
    return current;
  }

  private void awaitSettled(String region, Mapping mapping, boolean enabled, Instant deadline) {
    String target = enabled ? ENABLED : DISABLED;
    Mapping current = mapping;
    while (!target.equals(current.state())) {
      pause(region, current, target, deadline);
      current = current.withState(state(region, current));
    }
  }

  private String state(String region, Mapping mapping) {
    return AwsFailures.call(
        "GetEventSourceMapping",
        mapping.describe(),
        region,
        () -> clients.lambda(region).getEventSourceMapping(b -> b.uuid(mapping.uuid())).state());
  }

  /**
   * Sleeps before the next look, or fails retryably once the deadline passed. The wait stays short,
   * well within the step's start-to-close timeout; a retry finds the change made and only waits
   * again.
   */
  private void pause(String region, Mapping mapping, String awaited, Instant deadline) {
    if (Instant.now().isAfter(deadline)) {
      throw ApplicationFailure.newFailure(
          mapping.describe()
              + " in "
              + region
              + " is still "
              + mapping.state()
              + " after "
              + settleTimeout.toSeconds()
              + " s, expected "
              + awaited
              + "; a retry looks again",
          FleetActivitiesImpl.FLEET_NOT_SETTLED);
    }
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          "interrupted while waiting for " + mapping.describe() + " in " + region, "Interrupted");
    }
  }

  /** A mapping to wait for until it settles enabled or disabled. */
  private record Awaited(Mapping mapping, boolean enabled) {}

  /** One mapping as Lambda reported it, with the UUID that changes and reads need. */
  private record Mapping(String function, String eventSourceArn, String uuid, String state) {

    boolean directionKnown() {
      return HEADING_ENABLED.contains(state) || HEADING_DISABLED.contains(state);
    }

    boolean enabled() {
      return HEADING_ENABLED.contains(state);
    }

    boolean settled() {
      return ENABLED.equals(state) || DISABLED.equals(state);
    }

    Mapping withState(String newState) {
      return new Mapping(function, eventSourceArn, uuid, newState);
    }

    String describe() {
      return "Lambda event source mapping "
          + uuid
          + " of function "
          + function
          + " from "
          + eventSourceArn;
    }
  }
}
