package dev.regionfailover.devstack.aws;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The access key that signed a request and the region and service it was signed for, read from the
 * credential scope of its SigV4 {@code Authorization} header.
 */
record CredentialScope(String accessKey, String region, String service) {

  private static final String GLOBAL_REGION = "aws-global";
  private static final String GLOBAL_SIGNING_REGION = "us-east-1";
  private static final Pattern CREDENTIAL_SCOPE =
      Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request");

  /**
   * Services with one endpoint for all regions. AWS signs them for us-east-1, yet an outage of
   * us-east-1's regional endpoints leaves them reachable, so region faults never apply to them.
   */
  private static final Set<String> GLOBAL_SERVICES = Set.of("route53", "iam");

  /**
   * The scope of a SigV4 {@code Authorization} header, or empty for an unsigned request such as
   * moto's own API. Clients of global services built with {@code Region.AWS_GLOBAL} sign for {@code
   * aws-global} when their endpoint is overridden; AWS itself signs those services for us-east-1,
   * so that is the region reported.
   */
  static Optional<CredentialScope> of(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    Matcher matcher = CREDENTIAL_SCOPE.matcher(authorization);
    if (!matcher.find()) {
      return Optional.empty();
    }
    String region =
        matcher.group(2).equals(GLOBAL_REGION) ? GLOBAL_SIGNING_REGION : matcher.group(2);
    return Optional.of(new CredentialScope(matcher.group(1), region, matcher.group(3)));
  }

  /** Whether the service has regional endpoints, which a regional outage takes down. */
  boolean regional() {
    return !GLOBAL_SERVICES.contains(service);
  }
}
