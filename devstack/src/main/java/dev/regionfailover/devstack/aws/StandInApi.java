package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The client of the {@link AwsStandIn}'s own HTTP API at its endpoint: registers the ARC routing
 * controls, Global Accelerator endpoint groups and health-check statuses that only the stand-in
 * keeps, for code that holds the endpoint but not the stand-in, and shows an old primary that has
 * not rejoined its global cluster. Fails clearly when the endpoint is not a stand-in.
 */
public final class StandInApi {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI endpoint;
  private final HttpClient http;

  public StandInApi(URI endpoint) {
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** Creates routing control {@code arn}, or sets its state, with no safety rule applied. */
  public void putRoutingControl(String arn, boolean on) {
    post(
        StandInApiTransformer.ROUTING_CONTROLS,
        body()
            .put("RoutingControlArn", requireNonNull(arn, "arn is null"))
            .put("RoutingControlState", on ? "On" : "Off"));
  }

  /**
   * Creates or replaces endpoint group {@code arn} in {@code region} with traffic dial {@code
   * dial}.
   */
  public void putEndpointGroup(String arn, String region, double dial) {
    post(
        StandInApiTransformer.ENDPOINT_GROUPS,
        body()
            .put("EndpointGroupArn", requireNonNull(arn, "arn is null"))
            .put("EndpointGroupRegion", requireNonNull(region, "region is null"))
            .put("TrafficDialPercentage", dial));
  }

  /**
   * Shows cluster {@code clusterArn} as detached from global cluster {@code globalCluster} (an old
   * primary that has not rejoined after a failover), or as a member again.
   */
  public void setDetached(String globalCluster, String clusterArn, boolean detached) {
    post(
        StandInApiTransformer.DETACHED_MEMBERS,
        body()
            .put("GlobalClusterIdentifier", requireNonNull(globalCluster, "globalCluster is null"))
            .put("DbClusterArn", requireNonNull(clusterArn, "clusterArn is null"))
            .put("Detached", detached));
  }

  /** Makes Route 53 health check {@code id} report {@code healthy} from every checker. */
  public void putHealthCheckStatus(String id, boolean healthy) {
    post(
        StandInApiTransformer.HEALTH_CHECKS,
        body()
            .put("HealthCheckId", requireNonNull(id, "id is null"))
            .put("Status", healthy ? "Healthy" : "Unhealthy"));
  }

  private static ObjectNode body() {
    return JsonNodeFactory.instance.objectNode();
  }

  private void post(String path, ObjectNode body) {
    URI uri = endpoint.resolve(path);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("the AWS stand-in at " + uri + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the AWS stand-in at " + uri, e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "the AWS stand-in at "
              + uri
              + " refused "
              + body
              + " with HTTP "
              + response.statusCode()
              + ": "
              + response.body()
              + " (is "
              + endpoint
              + " an AwsStandIn, or plain moto?)");
    }
  }
}
