package dev.regionfailover.activities.traffic;

import static java.util.Objects.requireNonNull;

import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * One ARC data-plane cluster endpoint and the region it signs for, the one in its host: {@code
 * https://host-x.route53-recovery-cluster.us-east-1.amazonaws.com/v1} signs for {@code us-east-1}.
 */
record ClusterEndpoint(URI uri, String region) {

  private static final String SERVICE_LABEL = "route53-recovery-cluster";

  ClusterEndpoint {
    requireNonNull(uri, "uri is null");
    requireNonNull(region, "region is null");
  }

  /** The endpoint of {@code url}, or a non-retryable failure naming what is wrong with it. */
  static ClusterEndpoint parse(String url) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw invalid(url, "it is not a URL: " + e.getMessage());
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      throw invalid(url, "it has no scheme or host");
    }
    List<String> labels = List.of(uri.getHost().toLowerCase(Locale.ROOT).split("\\."));
    int service = labels.indexOf(SERVICE_LABEL);
    if (service < 0 || service + 1 >= labels.size()) {
      throw invalid(
          url,
          "its host has no region after "
              + SERVICE_LABEL
              + " (expected host.route53-recovery-cluster.REGION.amazonaws.com)");
    }
    return new ClusterEndpoint(uri, labels.get(service + 1));
  }

  private static ApplicationFailure invalid(String url, String why) {
    return ApplicationFailure.newNonRetryableFailure(
        "ARC cluster endpoint " + url + " is invalid: " + why, TrafficFailures.NOT_CONFIGURED);
  }

  @Override
  public String toString() {
    return uri + " (" + region + ")";
  }
}
