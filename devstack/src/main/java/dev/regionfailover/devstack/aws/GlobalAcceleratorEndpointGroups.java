package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Global Accelerator endpoint groups and their traffic dials (AWS JSON 1.1, target prefix {@code
 * GlobalAccelerator_V20180706}), which moto lacks. Serves {@code DescribeEndpointGroup} and {@code
 * UpdateEndpointGroup}; other operations are refused with a clear error. Like AWS, whose Global
 * Accelerator API has its one endpoint in us-west-2, it refuses requests signed for any other
 * region. Thread-safe; {@link AwsStandIn#reset()} removes every endpoint group.
 */
public final class GlobalAcceleratorEndpointGroups implements JsonApi {

  static final String TARGET_PREFIX = "GlobalAccelerator_V20180706";

  /** The only region with a Global Accelerator API endpoint. */
  public static final String API_REGION = "us-west-2";

  private static final Logger log = LoggerFactory.getLogger(GlobalAcceleratorEndpointGroups.class);

  /** Members of UpdateEndpointGroup that are copied as they are into the group. */
  private static final List<String> SETTINGS =
      List.of(
          "HealthCheckPort",
          "HealthCheckProtocol",
          "HealthCheckPath",
          "HealthCheckIntervalSeconds",
          "ThresholdCount",
          "PortOverrides");

  private final Map<String, ObjectNode> groups = new HashMap<>();

  GlobalAcceleratorEndpointGroups() {}

  /**
   * Creates endpoint group {@code arn} for endpoints in {@code region} with traffic dial {@code
   * dial} (0 to 100), or replaces an existing one, with no endpoints and a TCP health check.
   */
  public synchronized void putEndpointGroup(String arn, String region, double dial) {
    requireNonNull(arn, "arn is null");
    requireNonNull(region, "region is null");
    if (!(dial >= 0 && dial <= 100)) {
      throw new IllegalArgumentException(
          "the traffic dial of " + arn + " must be 0 to 100: " + dial);
    }
    ObjectNode group = JsonNodeFactory.instance.objectNode();
    group.put("EndpointGroupArn", arn);
    group.put("EndpointGroupRegion", region);
    group.putArray("EndpointDescriptions");
    group.put("TrafficDialPercentage", dial);
    group.put("HealthCheckPort", 80);
    group.put("HealthCheckProtocol", "TCP");
    group.put("HealthCheckIntervalSeconds", 30);
    group.put("ThresholdCount", 3);
    group.putArray("PortOverrides");
    groups.put(arn, group);
    log.info("Endpoint group {} in {} has traffic dial {}", arn, region, dial);
  }

  /** The traffic dial of endpoint group {@code arn}, 0 to 100. */
  public synchronized double dial(String arn) {
    ObjectNode group = groups.get(requireNonNull(arn, "arn is null"));
    if (group == null) {
      throw new IllegalArgumentException("the stand-in has no endpoint group " + arn);
    }
    return group.path("TrafficDialPercentage").asDouble();
  }

  synchronized void reset() {
    groups.clear();
  }

  @Override
  public synchronized JsonReply handle(String region, String operation, JsonNode request) {
    if (!region.equals(API_REGION)) {
      return invalid(
          "Global Accelerator's API is only in "
              + API_REGION
              + ", but this request was signed for "
              + region);
    }
    String arn = request.path("EndpointGroupArn").asText("");
    ObjectNode group = groups.get(arn);
    return switch (operation) {
      case "DescribeEndpointGroup" -> group == null ? notFound(arn) : answer(group);
      case "UpdateEndpointGroup" -> group == null ? notFound(arn) : update(group, request);
      default -> invalid("the stand-in does not serve " + TARGET_PREFIX + "." + operation);
    };
  }

  private JsonReply update(ObjectNode group, JsonNode request) {
    JsonNode dial = request.get("TrafficDialPercentage");
    if (dial != null) {
      if (!dial.isNumber() || dial.asDouble() < 0 || dial.asDouble() > 100) {
        return invalid("TrafficDialPercentage must be 0 to 100, but is " + dial);
      }
      group.put("TrafficDialPercentage", dial.asDouble());
    }
    for (String setting : SETTINGS) {
      if (request.has(setting)) {
        group.set(setting, request.get(setting).deepCopy());
      }
    }
    if (request.has("EndpointConfigurations")) {
      ArrayNode descriptions = group.putArray("EndpointDescriptions");
      for (JsonNode configuration : request.get("EndpointConfigurations")) {
        ObjectNode description = descriptions.addObject();
        description.put("EndpointId", configuration.path("EndpointId").asText());
        description.put("Weight", configuration.path("Weight").asInt(128));
        description.put(
            "ClientIPPreservationEnabled",
            configuration.path("ClientIPPreservationEnabled").asBoolean(false));
        description.put("HealthState", "HEALTHY");
      }
    }
    log.info(
        "Endpoint group {} updated: traffic dial {}",
        group.path("EndpointGroupArn").asText(),
        group.path("TrafficDialPercentage").asDouble());
    return answer(group);
  }

  private static JsonReply answer(ObjectNode group) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("EndpointGroup", group.deepCopy());
    return JsonReply.ok(body);
  }

  private static JsonReply notFound(String arn) {
    return JsonReply.error(
        400, "EndpointGroupNotFoundException", "Endpoint group " + arn + " does not exist");
  }

  private static JsonReply invalid(String message) {
    return JsonReply.error(400, "InvalidArgumentException", message);
  }
}
