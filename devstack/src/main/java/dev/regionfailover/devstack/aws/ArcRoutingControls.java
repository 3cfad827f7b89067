package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing-control data plane of Route 53 Application Recovery Controller (the {@code
 * route53-recovery-cluster} API, AWS JSON 1.0, target prefix {@code ToggleCustomerAPI}), which moto
 * lacks: routing controls that are On or Off, read and changed through any cluster endpoint.
 *
 * <p>Every control panel has one assertion safety rule, {@link #safetyRuleArn(String)}: at least
 * one of its routing controls must stay On. An update that would leave them all Off fails with
 * {@code ConflictException} unless the request lists that rule in {@code SafetyRulesToOverride}.
 * The control panel of a routing control is the ARN segment after {@code controlpanel/}.
 * Thread-safe; {@link AwsStandIn#reset()} removes every routing control.
 */
public final class ArcRoutingControls implements JsonApi {

  static final String TARGET_PREFIX = "ToggleCustomerAPI";

  /** The last segment of every emulated safety rule's ARN. */
  public static final String SAFETY_RULE_NAME = "at-least-one-on";

  private static final Logger log = LoggerFactory.getLogger(ArcRoutingControls.class);
  private static final String PANEL = "controlpanel/";
  private static final String CONTROL = "/routingcontrol/";
  private static final String ON = "On";
  private static final String OFF = "Off";

  // Sorted so that ListRoutingControls answers in a stable order.
  private final Map<String, Boolean> controls = new TreeMap<>();

  ArcRoutingControls() {}

  /**
   * Creates the routing control {@code arn} (of the form {@code
   * arn:aws:route53-recovery-control::ACCOUNT:controlpanel/PANEL/routingcontrol/NAME}) or sets the
   * state of an existing one, with no safety rule applied.
   */
  public synchronized void putRoutingControl(String arn, boolean on) {
    requireNonNull(arn, "arn is null");
    panelArn(arn);
    controls.put(arn, on);
    log.info("Routing control {} is {}", arn, on ? ON : OFF);
  }

  /** Whether routing control {@code arn} is On. */
  public synchronized boolean isOn(String arn) {
    Boolean on = controls.get(requireNonNull(arn, "arn is null"));
    if (on == null) {
      throw new IllegalArgumentException("the stand-in has no routing control " + arn);
    }
    return on;
  }

  /**
   * The ARN of the assertion safety rule of the control panel of routing control {@code
   * routingControlArn}: {@code
   * arn:aws:route53-recovery-control::ACCOUNT:controlpanel/PANEL/safetyrule/at-least-one-on}.
   */
  public static String safetyRuleArn(String routingControlArn) {
    return panelArn(routingControlArn) + "/safetyrule/" + SAFETY_RULE_NAME;
  }

  synchronized void reset() {
    controls.clear();
  }

  @Override
  public synchronized JsonReply handle(String region, String operation, JsonNode request) {
    return switch (operation) {
      case "GetRoutingControlState" -> get(request);
      case "UpdateRoutingControlState" ->
          update(List.of(request), request.path("SafetyRulesToOverride"));
      case "UpdateRoutingControlStates" -> {
        JsonNode entries = request.path("UpdateRoutingControlStateEntries");
        if (!entries.isArray() || entries.isEmpty()) {
          yield validation("UpdateRoutingControlStateEntries must list at least one entry");
        }
        List<JsonNode> list = new ArrayList<>();
        entries.forEach(list::add);
        yield update(list, request.path("SafetyRulesToOverride"));
      }
      case "ListRoutingControls" -> list(request);
      default -> validation("the stand-in does not serve ToggleCustomerAPI." + operation);
    };
  }

  private JsonReply get(JsonNode request) {
    String arn = request.path("RoutingControlArn").asText("");
    Boolean on = controls.get(arn);
    if (on == null) {
      return notFound(arn);
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("RoutingControlArn", arn);
    body.put("RoutingControlState", on ? ON : OFF);
    body.put("RoutingControlName", name(arn));
    return JsonReply.ok(body);
  }

  /** Applies every entry or none: the safety rule judges the state they leave together. */
  private JsonReply update(List<JsonNode> entries, JsonNode overrides) {
    Map<String, Boolean> changes = new LinkedHashMap<>();
    for (JsonNode entry : entries) {
      String arn = entry.path("RoutingControlArn").asText("");
      String state = entry.path("RoutingControlState").asText("");
      if (!state.equals(ON) && !state.equals(OFF)) {
        return validation(
            "RoutingControlState of " + arn + " must be On or Off, but is '" + state + "'");
      }
      if (!controls.containsKey(arn)) {
        return notFound(arn);
      }
      changes.put(arn, state.equals(ON));
    }
    Set<String> overridden = new HashSet<>();
    overrides.forEach(rule -> overridden.add(rule.asText()));
    Map<String, Boolean> after = new TreeMap<>(controls);
    after.putAll(changes);
    for (String arn : changes.keySet()) {
      String panel = panelArn(arn);
      String rule = safetyRuleArn(arn);
      boolean anyOn =
          after.entrySet().stream()
              .anyMatch(control -> panelArn(control.getKey()).equals(panel) && control.getValue());
      if (!anyOn && !overridden.contains(rule)) {
        log.info("Safety rule {} blocks the update {}", rule, changes);
        return JsonReply.error(
            409,
            "ConflictException",
            "Safety rule "
                + rule
                + " blocks the update: it would leave every routing control of control panel "
                + panel
                + " Off, and the rule asserts that at least one is On",
            "resourceId",
            rule,
            "resourceType",
            "SafetyRule");
      }
    }
    controls.putAll(changes);
    log.info("Routing controls updated: {}", changes);
    return JsonReply.ok(JsonNodeFactory.instance.objectNode());
  }

  private JsonReply list(JsonNode request) {
    String panelFilter = request.path("ControlPanelArn").asText(null);
    ArrayNode items = JsonNodeFactory.instance.arrayNode();
    controls.forEach(
        (arn, on) -> {
          String panel = panelArn(arn);
          if (panelFilter != null && !panelFilter.equals(panel)) {
            return;
          }
          ObjectNode item = items.addObject();
          item.put("ControlPanelArn", panel);
          item.put("ControlPanelName", panel.substring(panel.indexOf(PANEL) + PANEL.length()));
          item.put("RoutingControlArn", arn);
          item.put("RoutingControlName", name(arn));
          item.put("RoutingControlState", on ? ON : OFF);
          item.put("Owner", arn.split(":", -1)[4]);
        });
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("RoutingControls", items);
    return JsonReply.ok(body);
  }

  private static JsonReply notFound(String arn) {
    return JsonReply.error(
        404,
        "ResourceNotFoundException",
        "Routing control " + arn + " does not exist",
        "resourceId",
        arn,
        "resourceType",
        "RoutingControl");
  }

  private static JsonReply validation(String message) {
    return JsonReply.error(400, "ValidationException", message, "reason", "fieldValidationFailed");
  }

  /**
   * The ARN of the control panel of a routing control: everything before {@code /routingcontrol/}.
   */
  private static String panelArn(String routingControlArn) {
    int panel = routingControlArn.indexOf(PANEL);
    int control = routingControlArn.indexOf(CONTROL);
    if (panel < 0 || control < panel + PANEL.length() + 1) {
      throw new IllegalArgumentException(
          "not a routing control ARN (…:controlpanel/PANEL/routingcontrol/NAME): "
              + routingControlArn);
    }
    return routingControlArn.substring(0, control);
  }

  private static String name(String routingControlArn) {
    return routingControlArn.substring(routingControlArn.lastIndexOf('/') + 1);
  }
}
