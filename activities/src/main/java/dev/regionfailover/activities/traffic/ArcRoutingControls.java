package dev.regionfailover.activities.traffic;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.estate.ArcTraffic;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53recoverycluster.model.ConflictException;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControlState;
import software.amazon.awssdk.services.route53recoverycluster.model.UpdateRoutingControlStateEntry;

/** ARC routing controls, one per region: a region's value is 1 while its control is On. */
final class ArcRoutingControls implements LayerControl {

  private static final Logger log = LoggerFactory.getLogger(ArcRoutingControls.class);

  private final ArcCluster cluster;
  private final ArcTraffic arc;

  ArcRoutingControls(ArcCluster cluster, ArcTraffic arc) {
    this.cluster = requireNonNull(cluster, "cluster is null");
    this.arc = requireNonNull(arc, "arc is null");
  }

  @Override
  public String describe() {
    return "ARC routing controls";
  }

  @Override
  public void check(String region, double value) {
    TrafficFailures.onOrOff(describe(), region, value);
    control(region);
  }

  @Override
  public Map<String, Double> read(List<String> regions) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String region : regions) {
      String control = control(region);
      RoutingControlState state =
          cluster.call(
              "GetRoutingControlState",
              "routing control " + control + " of " + region,
              client ->
                  client
                      .getRoutingControlState(b -> b.routingControlArn(control))
                      .routingControlState());
      values.put(region, state == RoutingControlState.ON ? 1.0 : 0.0);
    }
    return values;
  }

  /**
   * Sets the controls in one call, which ARC applies atomically and checks against its safety rules
   * as a whole.
   */
  @Override
  public void set(Map<String, Double> values) {
    Map<String, RoutingControlState> states = new LinkedHashMap<>();
    values.forEach(
        (region, value) ->
            states.put(
                control(region), value > 0 ? RoutingControlState.ON : RoutingControlState.OFF));
    String resource = "routing controls " + states;
    if (states.size() == 1) {
      Map.Entry<String, RoutingControlState> only = states.entrySet().iterator().next();
      cluster.call(
          "UpdateRoutingControlState",
          resource,
          client ->
              refusedBySafetyRule(
                  states,
                  () ->
                      client.updateRoutingControlState(
                          b ->
                              b.routingControlArn(only.getKey())
                                  .routingControlState(only.getValue()))));
    } else {
      List<UpdateRoutingControlStateEntry> entries =
          states.entrySet().stream()
              .map(
                  e ->
                      UpdateRoutingControlStateEntry.builder()
                          .routingControlArn(e.getKey())
                          .routingControlState(e.getValue())
                          .build())
              .toList();
      cluster.call(
          "UpdateRoutingControlStates",
          resource,
          client ->
              refusedBySafetyRule(
                  states,
                  () ->
                      client.updateRoutingControlStates(
                          b -> b.updateRoutingControlStateEntries(entries))));
    }
    log.info("Set {} by region {}", resource, values);
  }

  /**
   * ARC answers a change its safety rules forbid with a conflict. Retrying cannot help: the rule,
   * or the other controls' states, must change first.
   */
  private static <T> T refusedBySafetyRule(
      Map<String, RoutingControlState> states, Supplier<T> call) {
    try {
      return call.get();
    } catch (ConflictException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "ARC refused setting routing controls "
              + states
              + " under its safety rules: "
              + e.awsErrorDetails().errorMessage(),
          TrafficFailures.SAFETY_RULE,
          e);
    }
  }

  private String control(String region) {
    return TrafficFailures.configured(arc.routingControls(), region, "ARC routing control");
  }
}
