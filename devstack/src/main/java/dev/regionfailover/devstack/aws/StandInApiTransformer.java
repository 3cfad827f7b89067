package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The stand-in's own HTTP API, beside the AWS APIs, as moto has {@code /moto-api/}: it registers
 * the resources only the stand-in keeps (and the health-check statuses only it reports), for a
 * process that holds no {@link AwsStandIn} but its endpoint, such as the estate provisioner. {@link
 * StandInApi} is its client.
 */
final class StandInApiTransformer extends StubTransformer {

  static final String NAME = "stand-in-api";
  static final String PATH = "/stand-in-api/";
  static final String ROUTING_CONTROLS = PATH + "arc/routing-controls";
  static final String ENDPOINT_GROUPS = PATH + "global-accelerator/endpoint-groups";
  static final String DETACHED_MEMBERS = PATH + "aurora/detached-members";
  static final String HEALTH_CHECKS = PATH + "route53/health-checks";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArcRoutingControls arc;
  private final GlobalAcceleratorEndpointGroups globalAccelerator;
  private final AuroraGlobalClusters globalClusters;
  private final Route53HealthChecks healthChecks;

  StandInApiTransformer(
      ArcRoutingControls arc,
      GlobalAcceleratorEndpointGroups globalAccelerator,
      AuroraGlobalClusters globalClusters,
      Route53HealthChecks healthChecks) {
    super(NAME);
    this.arc = requireNonNull(arc, "arc is null");
    this.globalAccelerator = requireNonNull(globalAccelerator, "globalAccelerator is null");
    this.globalClusters = requireNonNull(globalClusters, "globalClusters is null");
    this.healthChecks = requireNonNull(healthChecks, "healthChecks is null");
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    String path = serveEvent.getRequest().getUrl();
    try {
      JsonNode body = JSON.readTree(serveEvent.getRequest().getBodyAsString());
      if (path.equals(ROUTING_CONTROLS)) {
        String state = required(body, "RoutingControlState");
        if (!state.equals("On") && !state.equals("Off")) {
          throw new IllegalArgumentException("RoutingControlState must be On or Off: " + state);
        }
        arc.putRoutingControl(required(body, "RoutingControlArn"), state.equals("On"));
      } else if (path.equals(ENDPOINT_GROUPS)) {
        JsonNode dial = body.get("TrafficDialPercentage");
        if (dial == null || !dial.isNumber()) {
          throw new IllegalArgumentException("TrafficDialPercentage must be a number: " + dial);
        }
        globalAccelerator.putEndpointGroup(
            required(body, "EndpointGroupArn"),
            required(body, "EndpointGroupRegion"),
            dial.asDouble());
      } else if (path.equals(DETACHED_MEMBERS)) {
        JsonNode detached = body.get("Detached");
        if (detached == null || !detached.isBoolean()) {
          throw new IllegalArgumentException("Detached must be true or false: " + detached);
        }
        globalClusters.setDetached(
            required(body, "GlobalClusterIdentifier"),
            required(body, "DbClusterArn"),
            detached.asBoolean());
      } else if (path.equals(HEALTH_CHECKS)) {
        String status = required(body, "Status");
        if (!status.equals("Healthy") && !status.equals("Unhealthy")) {
          throw new IllegalArgumentException("Status must be Healthy or Unhealthy: " + status);
        }
        healthChecks.setHealthy(required(body, "HealthCheckId"), status.equals("Healthy"));
      } else {
        return answer(404, "the stand-in API has no " + path);
      }
    } catch (JsonProcessingException e) {
      return answer(400, "the body of a stand-in API request must be JSON: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return answer(400, e.getMessage());
    }
    return answer(200, "registered");
  }

  private static String required(JsonNode body, String member) {
    JsonNode value = body.get(member);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(member + " must be a string: " + value);
    }
    return value.asText();
  }

  private static ResponseDefinition answer(int status, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("message", message);
    return reply(status, "application/json", body.toString()).build();
  }
}
