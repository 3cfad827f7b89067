package dev.regionfailover.activities.fleet;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.estate.EventBridgeRuleRef;
import dev.regionfailover.workflows.fleet.RuleState;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/**
 * EventBridge rules. A rule is enabled in either of its enabled states, {@code ENABLED} or {@code
 * ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS}.
 */
final class EventBridgeRules {

  private static final Logger log = LoggerFactory.getLogger(EventBridgeRules.class);
  private static final Set<String> BUSY = Set.of("ConcurrentModificationException");

  private final AwsClients clients;

  EventBridgeRules(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  List<RuleState> read(String region, List<EventBridgeRuleRef> refs) {
    List<RuleState> states = new ArrayList<>();
    for (EventBridgeRuleRef ref : refs) {
      String state =
          AwsFailures.call(
              "DescribeRule",
              describe(ref.eventBus(), ref.name()),
              region,
              () -> {
                try {
                  return clients
                      .eventBridge(region)
                      .describeRule(b -> b.name(ref.name()).eventBusName(ref.eventBus()))
                      .stateAsString();
                } catch (ResourceNotFoundException e) {
                  throw ApplicationFailure.newNonRetryableFailure(
                      describe(ref.eventBus(), ref.name()) + " not found in " + region,
                      FleetActivitiesImpl.FLEET_RESOURCE_NOT_FOUND);
                }
              });
      states.add(
          new RuleState(ref.eventBus(), ref.name(), state != null && state.startsWith("ENABLED")));
    }
    return states;
  }

  /** Enables or disables the rules whose state differs from {@code current}, by position. */
  void apply(String region, List<RuleState> desired, List<RuleState> current) {
    for (int i = 0; i < desired.size(); i++) {
      RuleState want = desired.get(i);
      if (want.enabled() == current.get(i).enabled()) {
        continue;
      }
      String rule = describe(want.eventBus(), want.name());
      AwsFailures.call(
          want.enabled() ? "EnableRule" : "DisableRule",
          rule,
          region,
          BUSY,
          () -> {
            var eventBridge = clients.eventBridge(region);
            if (want.enabled()) {
              eventBridge.enableRule(b -> b.name(want.name()).eventBusName(want.eventBus()));
            } else {
              eventBridge.disableRule(b -> b.name(want.name()).eventBusName(want.eventBus()));
            }
            return null;
          });
      log.info("{} {} in {}", want.enabled() ? "Enabled" : "Disabled", rule, region);
    }
  }

  private static String describe(String eventBus, String name) {
    return "EventBridge rule " + name + " on event bus " + eventBus;
  }
}
