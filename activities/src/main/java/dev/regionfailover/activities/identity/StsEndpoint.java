package dev.regionfailover.activities.identity;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;

/**
 * Where a region's STS is reached: the one endpoint that both signs an approver's identity (in the
 * CLI) and checks it (in the worker), so that the two agree on the host the signature covers. As
 * the SDK does, {@code AWS_ENDPOINT_URL_STS} and then {@code AWS_ENDPOINT_URL} win over the
 * regional endpoint, which lets tests use an emulator.
 */
public final class StsEndpoint {

  private StsEndpoint() {}

  /**
   * @param override an endpoint configured for every service, such as the worker's {@code
   *     AwsSettings.endpointOverride()}
   * @param environment the environment variables, by name (null when unset)
   */
  public static URI of(
      String region, Optional<URI> override, Function<String, String> environment) {
    return override
        .or(() -> variable(environment, "AWS_ENDPOINT_URL_STS"))
        .or(() -> variable(environment, "AWS_ENDPOINT_URL"))
        .orElseGet(() -> regional(region));
  }

  /** Whether {@code region} names an AWS region the SDK knows. */
  public static boolean known(String region) {
    return region != null && Region.regions().contains(Region.of(region));
  }

  private static URI regional(String region) {
    URI host = ServiceMetadata.of("sts").endpointFor(Region.of(region));
    return URI.create("https://" + (host.getHost() == null ? host.toString() : host.getHost()));
  }

  private static Optional<URI> variable(Function<String, String> environment, String name) {
    String value = environment.apply(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value));
  }
}
