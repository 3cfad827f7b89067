package dev.regionfailover.activities.traffic;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;

/**
 * Calls the ARC data plane through its cluster endpoints, in random order as AWS advises, moving on
 * from an endpoint that cannot answer (I/O errors, timeouts, throttling, server errors) to the
 * next. Any other error is the answer: it does not depend on the endpoint.
 */
final class ArcCluster {

  private static final Logger log = LoggerFactory.getLogger(ArcCluster.class);

  private final AwsClients clients;
  private final List<ClusterEndpoint> endpoints;
  private final Random random;

  ArcCluster(AwsClients clients, List<String> clusterEndpoints, Random random) {
    this.clients = requireNonNull(clients, "clients is null");
    this.random = requireNonNull(random, "random is null");
    if (clusterEndpoints == null || clusterEndpoints.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the estate's ARC layer names no cluster endpoints", TrafficFailures.NOT_CONFIGURED);
    }
    this.endpoints = clusterEndpoints.stream().map(ClusterEndpoint::parse).toList();
  }

  /**
   * Makes the call at one endpoint after another until one answers. Fails retryably, naming every
   * endpoint and how it failed, when none could.
   *
   * @param operation the API operation, for messages
   * @param resource what the call is about, for messages
   */
  <T> T call(String operation, String resource, Function<Route53RecoveryClusterClient, T> call) {
    List<ClusterEndpoint> order = new ArrayList<>(endpoints);
    Collections.shuffle(order, random);
    List<String> failures = new ArrayList<>();
    for (ClusterEndpoint endpoint : order) {
      try {
        return call.apply(clients.arc(endpoint.uri(), endpoint.region()));
      } catch (SdkException e) {
        if (!AwsFailures.isRetryable(e)) {
          throw AwsFailures.translate(operation, resource, "ARC cluster endpoint " + endpoint, e);
        }
        log.warn(
            "{} on {} failed at ARC cluster endpoint {}; trying the next: {}",
            operation,
            resource,
            endpoint,
            AwsFailures.describe(e));
        failures.add(endpoint + ": " + AwsFailures.describe(e));
      }
    }
    throw ApplicationFailure.newFailure(
        operation
            + " on "
            + resource
            + " failed at every ARC cluster endpoint: "
            + String.join("; ", failures),
        TrafficFailures.ARC_UNAVAILABLE);
  }
}
