package dev.regionfailover.activities.aws;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * How the worker's AWS clients reach AWS.
 *
 * @param endpointOverride one endpoint for every service, for tests against an emulator. Production
 *     leaves it empty so that the SDK itself honours {@code AWS_ENDPOINT_URL} and {@code
 *     AWS_ENDPOINT_URL_<SERVICE>}.
 * @param credentials where credentials come from; production uses the default chain
 * @param apiCallTimeout the limit of one API call, retries included
 * @param apiCallAttemptTimeout the limit of one HTTP attempt
 * @param maxAttempts attempts per API call, the first included, before the failure reaches the
 *     activity (which Temporal then retries on its own schedule)
 */
public record AwsSettings(
    Optional<URI> endpointOverride,
    AwsCredentialsProvider credentials,
    Duration apiCallTimeout,
    Duration apiCallAttemptTimeout,
    int maxAttempts) {

  public AwsSettings {
    requireNonNull(endpointOverride, "endpointOverride is null");
    requireNonNull(credentials, "credentials is null");
    requireNonNull(apiCallTimeout, "apiCallTimeout is null");
    requireNonNull(apiCallAttemptTimeout, "apiCallAttemptTimeout is null");
    if (apiCallTimeout.isNegative() || apiCallTimeout.isZero()) {
      throw new IllegalArgumentException("apiCallTimeout must be positive, got " + apiCallTimeout);
    }
    if (apiCallAttemptTimeout.isNegative()
        || apiCallAttemptTimeout.isZero()
        || apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
      throw new IllegalArgumentException(
          "apiCallAttemptTimeout must be positive and at most apiCallTimeout ("
              + apiCallTimeout
              + "), got "
              + apiCallAttemptTimeout);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be 1 or more, got " + maxAttempts);
    }
  }

  /** The default credential chain, 30 s per call, 10 s per attempt, 4 attempts. */
  public static AwsSettings defaults() {
    return new AwsSettings(
        Optional.empty(),
        DefaultCredentialsProvider.builder().build(),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        4);
  }
}
